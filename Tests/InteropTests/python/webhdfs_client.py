"""Drives Sluice's block store through its WebHDFS API with HdfsCLI (the `hdfs` package), the
way a Python user of Hadoop would, and reports what the client saw.

usage: webhdfs_client.py NAMENODE_URL SUPERUSER SCRATCH_DIR OUT.json

The superuser makes /user/alice for alice; alice then writes, reads and changes her files; bob
(not the owner, not a superuser) tries to delete one of them. Local files are made from a seeded
generator, so runs are repeatable. /user/alice/keep.bin is left in place for the caller to
inspect through Sluice's own client.
"""

import os
import random
import sys

from hdfs import InsecureClient
from hdfs.util import HdfsError

import canonical

BLOCK_SIZE_BYTES = 1 << 20
# Five full blocks and a partial sixth.
LARGE_FILE_BYTES = 5 * BLOCK_SIZE_BYTES + 12_345


def seeded_bytes(seed, count):
    return random.Random(seed).randbytes(count)


def type_names(status):
    """Each FileStatus key with the Python type name of its value."""
    return {key: type(value).__name__ for key, value in status.items()}


def error_text(action):
    """The HdfsError message `action` raises, or None when it succeeds."""
    try:
        action()
    except HdfsError as error:
        return str(error)
    return None


def main(arguments):
    url, superuser, scratch, output_path = arguments
    admin = InsecureClient(url, user=superuser)
    alice = InsecureClient(url, user="alice")
    bob = InsecureClient(url, user="bob")

    admin.makedirs("/user/alice")
    admin.set_owner("/user/alice", owner="alice", group="users")
    home = "/user/alice"

    alice.makedirs(home + "/data/nested")
    large = seeded_bytes(7, LARGE_FILE_BYTES)
    large_path = os.path.join(scratch, "large.bin")
    with open(large_path, "wb") as output:
        output.write(large)
    uploaded = alice.upload(home + "/data/large.bin", large_path)

    tree = os.path.join(scratch, "tree")
    os.makedirs(os.path.join(tree, "sub"))
    tree_files = {"a.txt": b"alpha\n", "b.bin": seeded_bytes(8, 70_000), "sub/c.txt": b"gamma\n"}
    for name, data in tree_files.items():
        with open(os.path.join(tree, name), "wb") as output:
            output.write(data)
    # The target does not exist yet, so the local folder's contents land directly in it.
    alice.upload(home + "/tree", tree)

    downloaded_path = alice.download(home + "/data/large.bin", os.path.join(scratch, "large.back"))
    with open(downloaded_path, "rb") as source:
        downloaded = source.read()
    tree_back = alice.download(home + "/tree", os.path.join(scratch, "tree.back"))
    tree_matches = all(
        open(os.path.join(tree_back, name), "rb").read() == data for name, data in tree_files.items())

    # A slice that starts in the second block and ends in the fourth.
    slice_offset, slice_length = BLOCK_SIZE_BYTES + 1000, 2 * BLOCK_SIZE_BYTES + 77
    with alice.read(home + "/data/large.bin", offset=slice_offset, length=slice_length) as reader:
        sliced = reader.read()
    with alice.read(home + "/tree/a.txt", encoding="utf-8") as reader:
        small_text = reader.read()

    listing = alice.list(home + "/data", status=True)
    listed_names = [name for name, _ in listing]
    file_status = alice.status(home + "/data/large.bin")
    directory_status = alice.status(home + "/data")
    missing_status = alice.status(home + "/nothing-here", strict=False)
    content = alice.content(home)

    alice.rename(home + "/data/large.bin", home + "/data/renamed.bin")
    renamed_old_gone = alice.status(home + "/data/large.bin", strict=False) is None
    renamed_status = alice.status(home + "/data/renamed.bin")

    alice.set_replication(home + "/data/renamed.bin", 2)
    alice.set_permission(home + "/data/renamed.bin", "600")
    after_changes = alice.status(home + "/data/renamed.bin")
    admin.set_owner(home + "/tree/a.txt", owner="carol", group="staff")
    reowned = alice.status(home + "/tree/a.txt")
    alice_set_owner_error = error_text(lambda: alice.set_owner(home + "/tree/b.bin", owner="bob"))

    checksum = alice.checksum(home + "/data/renamed.bin")
    checksum_again = alice.checksum(home + "/data/renamed.bin")

    missing_error = error_text(lambda: alice.status(home + "/nothing-here"))
    bob_delete_error = error_text(lambda: bob.delete(home + "/data/renamed.bin"))
    renamed_survives = alice.status(home + "/data/renamed.bin", strict=False) is not None

    alice.write(home + "/keep.bin", data=seeded_bytes(9, 3 * BLOCK_SIZE_BYTES + 5), replication=3)
    keep_checksum = alice.checksum(home + "/keep.bin")

    deleted = alice.delete(home + "/data", recursive=True)
    deleted_again = alice.delete(home + "/data", recursive=True)
    data_gone = alice.status(home + "/data", strict=False) is None
    home_listing_after = sorted(alice.list(home))

    canonical.write_json(output_path, {
        "uploaded_path": uploaded,
        "download_matches": downloaded == large,
        "downloaded_length": len(downloaded),
        "tree_matches": tree_matches,
        "slice_matches": sliced == large[slice_offset:slice_offset + slice_length],
        "slice_length": len(sliced),
        "small_text": small_text,
        "listed_names": listed_names,
        "file_status_types": type_names(file_status),
        "file_status": {
            "type": file_status["type"], "length": file_status["length"], "owner": file_status["owner"],
            "permission": file_status["permission"], "replication": file_status["replication"],
            "block_size": file_status["blockSize"], "path_suffix": file_status["pathSuffix"],
        },
        "directory_type": directory_status["type"],
        "missing_status_is_none": missing_status is None,
        "content": {
            "directory_count": content["directoryCount"], "file_count": content["fileCount"],
            "length": content["length"],
        },
        "renamed_old_gone": renamed_old_gone,
        "renamed_length": renamed_status["length"],
        "replication_after": after_changes["replication"],
        "permission_after": after_changes["permission"],
        "owner_after": reowned["owner"],
        "group_after": reowned["group"],
        "alice_set_owner_error": alice_set_owner_error,
        "checksum": {"algorithm": checksum["algorithm"], "bytes": checksum["bytes"], "length": checksum["length"]},
        "checksum_stable": checksum == checksum_again,
        "keep_checksum_bytes": keep_checksum["bytes"],
        "missing_error": missing_error,
        "bob_delete_error": bob_delete_error,
        "renamed_survives_bob": renamed_survives,
        "deleted": deleted,
        "deleted_again": deleted_again,
        "data_gone": data_gone,
        "home_listing_after": home_listing_after,
    })


if __name__ == "__main__":
    main(sys.argv[1:])
    canonical.exit_without_finalizers()
