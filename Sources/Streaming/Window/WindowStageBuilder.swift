import SluiceCore

/// Makes the result stream of a windowed aggregation; called from the `@inlinable` operators,
/// which build the specialized task kernel and slot operations and hand them over here.
@usableFromInline
enum WindowStageBuilder {
    /// The result stream of a windowed aggregation: its sinks drive this stage.
    @usableFromInline
    static func resultStream<Key: ShuffleKey, Value, Acc: ShuffleCodable & Sendable, Out>(
        pairs: Stream<(Key, Value)>, spec: WindowSpec, allowedLatenessMillis: Int64, lateTopic: String?, operatorName: String,
        initial: Acc, merge: @escaping @Sendable (Acc, Acc) -> Acc, finish: @escaping @Sendable (Acc) -> Out,
        taskKernel: @escaping WindowTaskKernelFunction<Key, Acc>, slotOperations: WindowSlotOperations<Key, Acc, Out>
    ) -> Stream<WindowResult<Key, Out>> {
        let stage = WindowStage<Key, Value, Acc, Out>(pairs: pairs, spec: spec, allowedLatenessMillis: allowedLatenessMillis,
                                                      lateTopic: lateTopic, operatorName: operatorName, initial: initial, merge: merge,
                                                      finish: finish, taskKernel: taskKernel,
                                                      slotOperations: slotOperations)
        let plan = pairs.plan.adding("window").adding(operatorName)
        return Stream(context: pairs.context, plan: plan, windowStage: stage) { _, _ in
            throw SluiceError.internal("a windowed aggregation runs through its stage, not record by record")
        }
    }
}
