@testable import Parquet
import SluiceCore

/// Seeded random nested schemas and rows: structs, lists and maps nested a few levels deep over
/// every primitive type, with nulls, empty lists and empty maps at every level.
struct RandomNestedFactory {
    var primitives: RandomColumnFactory

    init(seed: UInt64) { primitives = RandomColumnFactory(seed: seed) }

    private var random: SeededRandomGenerator {
        get { primitives.random }
        set { primitives.random = newValue }
    }

    mutating func schema(fieldCount: Int, depthMax: Int) -> NestedSchema {
        NestedSchema((0..<fieldCount).map { NestedField("f\($0)", type(depthMax: depthMax), nullable: random.chance(3, in: 4)) })
    }

    mutating func type(depthMax: Int) -> NestedType {
        let choice = depthMax <= 0 ? 0 : Int.random(in: 0..<4, using: &random)
        switch choice {
        case 1:
            let fieldCount = Int.random(in: 1...3, using: &random)
            return .structure((0..<fieldCount).map {
                NestedField("s\($0)", type(depthMax: depthMax - 1), nullable: random.chance(2, in: 3))
            })
        case 2:
            return .list(element: type(depthMax: depthMax - 1), elementNullable: random.chance(1, in: 2))
        case 3:
            let key: DataType = random.chance(1, in: 2) ? .string : .int64
            return .map(key: .primitive(key), value: type(depthMax: depthMax - 1), valueNullable: random.chance(1, in: 2))
        default:
            return .primitive(primitives.type())
        }
    }

    mutating func row(_ schema: NestedSchema) -> [NestedValue] {
        schema.fields.map { value($0.type, nullable: $0.isNullable) }
    }

    mutating func value(_ type: NestedType, nullable: Bool) -> NestedValue {
        if nullable, random.chance(1, in: 5) { return .null }
        switch type {
        case .primitive(let dataType):
            return .value(primitives.value(dataType))
        case .structure(let fields):
            return .structure(fields.map { value($0.type, nullable: $0.isNullable) })
        case .list(let element, let elementNullable):
            let count = random.chance(1, in: 4) ? 0 : Int.random(in: 1...4, using: &random)
            return .list((0..<count).map { _ in value(element, nullable: elementNullable) })
        case .map(let key, let valueType, let valueNullable):
            let count = random.chance(1, in: 4) ? 0 : Int.random(in: 1...3, using: &random)
            return .map((0..<count).map { _ in
                NestedMapEntry(key: value(key, nullable: false), value: value(valueType, nullable: valueNullable))
            })
        }
    }
}
