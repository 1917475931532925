"""The audit log on disk: appends, checkpoints, proofs, and every kind of tampering named by ``verify``.

Expected hashes are derived independently of the code under test: each line of ``entries.jsonl`` is a leaf,
hashed here with ``hashlib`` and folded by ``mth``, the RFC 9162 definition written out with list slices.
Signed notes are checked against the reference vector of Go's ``golang.org/x/mod/sumdb/note``
(``note_test.go``: the PeterNeumann key, text and signature) and with ``cryptography`` directly.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import multiprocessing
import stat
import tempfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rfc9162 import mth
from seabridge.governance.audit import (
    DATA_ACCESS,
    POLICY_DECISION,
    AuditEvent,
    AuditLog,
    AuditLogError,
    EntryError,
    KeyFileError,
    NoteError,
    PersonalDataError,
    Reason,
    SigningKey,
    VerifierKey,
    generate_signing_key,
    load_signing_key,
    load_verifier_key,
    open_note,
    parse_checkpoint,
    parse_entry,
    redacted_digest,
    save_signing_key,
    sign_note,
    verify_consistency,
    verify_inclusion,
)
from seabridge.governance.audit.checkpoint import parse_note

KEY = generate_signing_key("test.example/audit")


def event(i: int) -> AuditEvent:
    return AuditEvent(
        DATA_ACCESS if i % 2 else POLICY_DECISION,
        actor=f"user:{i}",
        resource=f"dataset:news-{i % 3}",
        outcome="allow" if i % 4 else "deny",
        tenant="org:7",
        details={"rows": i, "rule": "th-pdpa-26", "purposes": ["training"]},
    )


def make_log(folder: Path, count: int = 10, checkpoints: tuple[int, ...] = (5, 10)) -> AuditLog:
    log = AuditLog(folder, durable=False)
    for i in range(count):
        log.append(event(i))
        if i + 1 in checkpoints:
            log.checkpoint(KEY)
    return log


def lines(folder: Path) -> list[bytes]:
    return (folder / "entries.jsonl").read_bytes().split(b"\n")[:-1]


def write_lines(folder: Path, new: list[bytes]) -> None:
    (folder / "entries.jsonl").write_bytes(b"".join(line + b"\n" for line in new))


def problem_of(folder: Path, verifier: VerifierKey | None = None) -> tuple[Reason, int | None, int]:
    report = AuditLog(folder).verify(verifier or KEY.verifier())
    assert report.problem is not None, report.summary()
    return report.problem.reason, report.problem.index, report.problem.line


# -- appending and what is stored -------------------------------------------------------------------------


def test_entries_are_canonical_json_lines_hashed_as_rfc6962_leaves(tmp_path: Path) -> None:
    log = make_log(tmp_path)
    stored = lines(tmp_path)
    assert len(stored) == 10
    for index, line in enumerate(stored):
        value = json.loads(line)
        assert line == json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
        assert value["seq"] == index
        assert value["prev"] == mth(stored[:index]).hex()  # the head of the log before the entry
        assert value["ts"].endswith("Z")
        assert value["actor"] == f"user:{index}" and value["tenant"] == "org:7"
    report = log.verify(KEY.verifier())
    assert report.ok and report.entries == 10 and report.checkpoints == 2
    assert report.root == mth(stored) == log.root()


def test_checkpoints_are_signed_notes_of_the_tree_head(tmp_path: Path) -> None:
    log = make_log(tmp_path, 6, checkpoints=(6,))
    note = log.checkpoints()[-1].note
    text, signature_line = note.split("\n\n")
    origin, size, root_b64, timestamp = text.split("\n")
    assert (origin, size) == ("test.example/audit", "6")
    assert base64.b64decode(root_b64) == mth(lines(tmp_path))
    assert timestamp.startswith("timestamp 20") and timestamp.endswith("Z")
    dash, name, blob = signature_line.rstrip("\n").split(" ")
    assert (dash, name) == ("\u2014", "test.example/audit")
    raw = base64.b64decode(blob)
    public = KEY.verifier().public_key
    public_bytes = base64.b64decode(KEY.verifier().to_string().split("+", 2)[2])[1:]
    key_id = hashlib.sha256(b"test.example/audit\n\x01" + public_bytes).digest()[:4]
    assert raw[:4] == key_id
    public.verify(raw[4:], (text + "\n").encode())  # raises if the signature is wrong


def test_append_many_writes_consecutive_entries_in_one_go(tmp_path: Path) -> None:
    log = AuditLog(tmp_path)
    assert log.append_many([event(i) for i in range(4)]) == [0, 1, 2, 3]
    assert log.append(event(4)) == 4
    assert log.append_many([]) == []
    assert log.verify().ok and log.size() == 5


def test_reopening_the_log_continues_the_tree(tmp_path: Path) -> None:
    with make_log(tmp_path, 5, checkpoints=()):
        pass  # closing saves the head cache
    assert AuditLog(tmp_path).append(event(5)) == 5
    (tmp_path / "head.json").unlink()  # without the cache: rehashed from the file
    assert AuditLog(tmp_path).append(event(6)) == 6
    (tmp_path / "head.json").write_text("{not json")
    assert AuditLog(tmp_path).append(event(7)) == 7
    report = AuditLog(tmp_path).verify()
    assert report.ok and report.entries == 8 and report.root == mth(lines(tmp_path))


def test_a_stale_or_foreign_head_cache_is_not_trusted(tmp_path: Path) -> None:
    make_log(tmp_path, 300, checkpoints=())  # the cache is saved at 256 entries
    head = json.loads((tmp_path / "head.json").read_text())
    assert head["size"] == 256
    assert AuditLog(tmp_path).append(event(300)) == 300  # caught up from entry 256
    head["last_leaf"] = "00" * 32
    (tmp_path / "head.json").write_text(json.dumps(head))
    assert AuditLog(tmp_path).append(event(301)) == 301
    assert AuditLog(tmp_path).verify().ok


def _append_from_another_process(folder: str, worker: int, count: int, key: str) -> None:
    log, signing = AuditLog(Path(folder)), SigningKey.from_string(key)
    for i in range(count):
        log.append(
            AuditEvent(DATA_ACCESS, actor=f"worker:{worker}", resource=f"dataset:{i}", outcome="allow")
        )
        if i % 10 == 9:
            log.checkpoint(signing)


def test_concurrent_appends_from_two_processes_stay_consistent(tmp_path: Path) -> None:
    AuditLog(tmp_path).append(event(0))
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_append_from_another_process, args=(str(tmp_path), w, 60, KEY.to_string()))
        for w in (1, 2)
    ]
    for worker in workers:
        worker.start()
    while any(worker.is_alive() for worker in workers):  # a reader never sees half an append
        report = AuditLog(tmp_path).verify(KEY.verifier())
        assert report.ok, report.problem
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    stored = [json.loads(line) for line in lines(tmp_path)]
    assert [entry["seq"] for entry in stored] == list(range(121))
    for w in (1, 2):
        mine = [entry["resource"] for entry in stored if entry["actor"] == f"worker:{w}"]
        assert mine == [f"dataset:{i}" for i in range(60)]  # each process's entries in its order
    report = AuditLog(tmp_path).verify(KEY.verifier())
    assert report.ok and report.root == mth(lines(tmp_path)) and report.checkpoints == 12


# -- personal data ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"actor": "somchai@example.com"}, "actor"),
        ({"resource": "host 192.168.1.20"}, "resource"),
        ({"details": {"contact": "+66 81 234 5678"}}, "details.contact"),
        ({"details": {"to": ["dataset:1", "nguyen.van.a@example.vn"]}}, "details.to[1]"),
        ({"details": {"somchai@example.com": 1}}, "a key of details"),
    ],
)
def test_personal_data_is_refused_naming_the_field(tmp_path: Path, changes: dict, field: str) -> None:
    log = AuditLog(tmp_path)
    log.append(event(0))
    base = {"type": DATA_ACCESS, "actor": "user:1", "resource": "dataset:1", "outcome": "allow"}
    with pytest.raises(PersonalDataError) as raised:
        log.append(AuditEvent(**{**base, **changes}))
    message = str(raised.value)
    assert message.startswith(field) and "redacted_digest" in message
    assert "example" not in message and "192.168" not in message  # the data itself is never repeated
    assert len(lines(tmp_path)) == 1


def test_redacted_digest_is_a_keyed_hash_the_log_accepts(tmp_path: Path) -> None:
    key = b"k" * 32
    digest = redacted_digest("somchai@example.com", key)
    expected = hmac.new(key, b"somchai@example.com", hashlib.sha256).hexdigest()
    assert digest == "hmac-sha256:" + expected
    assert redacted_digest("a long document") == "sha256:" + hashlib.sha256(b"a long document").hexdigest()
    log = AuditLog(tmp_path)
    log.append(AuditEvent(DATA_ACCESS, "user:1", "dataset:1", "allow", details={"subject": digest}))
    assert json.loads(lines(tmp_path)[0])["details"]["subject"] == digest


@pytest.mark.parametrize(
    "bad",
    [
        AuditEvent("Data Access", "user:1", "dataset:1", "allow"),
        AuditEvent(DATA_ACCESS, "", "dataset:1", "allow"),
        AuditEvent(DATA_ACCESS, "user:1", "dataset:1", ""),
        AuditEvent(DATA_ACCESS, "user:1", "dataset:1", "allow", details={"x": float("nan")}),
        AuditEvent(DATA_ACCESS, "user:1", "dataset:1", "allow", details={"x": object()}),
        AuditEvent(DATA_ACCESS, "user:1", "dataset:1", "allow", details={"x": "\ud800"}),
        AuditEvent(DATA_ACCESS, "user:1", "dataset:1", "allow", details={"x": "a" * 70_000}),
    ],
)
def test_malformed_events_are_refused(tmp_path: Path, bad: AuditEvent) -> None:
    with pytest.raises(EntryError):
        AuditLog(tmp_path).append(bad)


# -- tampering --------------------------------------------------------------------------------------------


def test_an_intact_log_verifies(tmp_path: Path) -> None:
    report = make_log(tmp_path).verify(KEY.verifier())
    assert report.ok and "10 entries" in report.summary() and "2 checkpoints verified" in report.summary()


def test_an_altered_byte_names_the_entry(tmp_path: Path) -> None:
    make_log(tmp_path)
    stored = lines(tmp_path)
    stored[3] = stored[3].replace(b'"user:3"', b'"user:8"')
    write_lines(tmp_path, stored)
    assert problem_of(tmp_path) == (Reason.ALTERED, 3, 4)


def test_an_altered_recorded_head_names_its_own_entry(tmp_path: Path) -> None:
    make_log(tmp_path)
    stored = lines(tmp_path)
    at = stored[4].index(b'"prev":"') + 8
    stored[4] = stored[4][:at] + (b"1" if stored[4][at : at + 1] == b"0" else b"0") + stored[4][at + 1 :]
    write_lines(tmp_path, stored)
    assert problem_of(tmp_path) == (Reason.ALTERED, 4, 5)


def test_a_line_that_is_not_json_is_altered(tmp_path: Path) -> None:
    make_log(tmp_path)
    stored = lines(tmp_path)
    stored[2] = stored[2][:-1]
    write_lines(tmp_path, stored)
    assert problem_of(tmp_path) == (Reason.ALTERED, 2, 3)


def test_a_removed_entry_is_named(tmp_path: Path) -> None:
    make_log(tmp_path)
    stored = lines(tmp_path)
    del stored[6]
    write_lines(tmp_path, stored)
    assert problem_of(tmp_path) == (Reason.REMOVED, 6, 7)


def test_swapped_entries_are_reordered(tmp_path: Path) -> None:
    make_log(tmp_path)
    stored = lines(tmp_path)
    stored[2], stored[7] = stored[7], stored[2]
    write_lines(tmp_path, stored)
    assert problem_of(tmp_path) == (Reason.REORDERED, 2, 3)


def test_an_inserted_copy_of_an_entry_is_named(tmp_path: Path) -> None:
    make_log(tmp_path)
    stored = lines(tmp_path)
    stored.insert(5, stored[1])
    write_lines(tmp_path, stored)
    assert problem_of(tmp_path) == (Reason.INSERTED, 5, 6)


def test_an_inserted_forged_entry_is_named(tmp_path: Path) -> None:
    make_log(tmp_path)
    stored = lines(tmp_path)
    forged = json.loads(stored[4])
    forged["actor"] = "user:intruder"
    stored.insert(4, json.dumps(forged, sort_keys=True, separators=(",", ":")).encode())
    write_lines(tmp_path, stored)
    assert problem_of(tmp_path) == (Reason.INSERTED, 4, 5)


def test_a_truncated_file_is_named(tmp_path: Path) -> None:
    make_log(tmp_path)
    write_lines(tmp_path, lines(tmp_path)[:7])
    assert problem_of(tmp_path) == (Reason.REMOVED, 7, 8)
    data = (tmp_path / "entries.jsonl").read_bytes()
    (tmp_path / "entries.jsonl").write_bytes(data[:-30])  # cut inside entry 6
    assert problem_of(tmp_path) == (Reason.REMOVED, 6, 7)


def test_a_consistent_rewrite_is_caught_by_the_checkpoint(tmp_path: Path) -> None:
    make_log(tmp_path)
    stored = lines(tmp_path)
    stored[9] = stored[9].replace(b'"user:9"', b'"user:0"')  # the last entry: no later head records it
    write_lines(tmp_path, stored)
    reason, index, line = problem_of(tmp_path)
    assert (reason, index, line) == (Reason.CHECKPOINT_MISMATCH, None, 2)  # checkpoints.jsonl line 2


def test_a_forged_checkpoint_has_a_bad_signature(tmp_path: Path) -> None:
    log = make_log(tmp_path)
    log.checkpoint(generate_signing_key("test.example/audit"))  # same name, another key
    assert problem_of(tmp_path) == (Reason.BAD_SIGNATURE, None, 3)


def test_an_edited_checkpoint_has_a_bad_signature(tmp_path: Path) -> None:
    make_log(tmp_path)
    path = tmp_path / "checkpoints.jsonl"
    path.write_bytes(path.read_bytes().replace(b"audit\\n5\\n", b"audit\\n6\\n", 1))
    assert problem_of(tmp_path) == (Reason.BAD_SIGNATURE, None, 1)


def test_a_wrong_public_key_is_a_bad_signature(tmp_path: Path) -> None:
    make_log(tmp_path)
    other = generate_signing_key("test.example/audit").verifier()
    assert problem_of(tmp_path, other) == (Reason.BAD_SIGNATURE, None, 1)
    unchecked = AuditLog(tmp_path).verify()
    assert unchecked.ok and not unchecked.signatures_checked


def test_a_checkpoint_kept_elsewhere_reveals_a_rolled_back_log(tmp_path: Path) -> None:
    log = make_log(tmp_path)
    saved = log.checkpoints()[-1]
    write_lines(tmp_path, lines(tmp_path)[:5])
    (tmp_path / "checkpoints.jsonl").write_bytes(
        (tmp_path / "checkpoints.jsonl").read_bytes().split(b"\n")[0]
    )
    assert AuditLog(tmp_path).verify(KEY.verifier()).ok  # the log alone looks fine
    report = AuditLog(tmp_path).verify(KEY.verifier(), trusted=[saved])
    assert report.problem is not None and report.problem.reason is Reason.REMOVED


def test_an_appender_refuses_to_extend_a_tampered_log(tmp_path: Path) -> None:
    make_log(tmp_path, 5, checkpoints=())
    stored = lines(tmp_path)
    stored[2] = stored[2].replace(b'"user:2"', b'"user:9"')
    write_lines(tmp_path, stored)
    with pytest.raises(AuditLogError, match="line 4 does not continue the log"):
        AuditLog(tmp_path).append(event(5))
    assert len(lines(tmp_path)) == 5


def test_no_checkpoint_is_signed_over_a_tree_that_does_not_extend_the_last(tmp_path: Path) -> None:
    log = make_log(tmp_path, 4, checkpoints=(4,))
    head = json.loads((tmp_path / "head.json").read_text())
    head["range"][0] = "00" * 32  # a forged cache: new entries would hang off a tree that never was
    (tmp_path / "head.json").write_text(json.dumps(head))
    other = AuditLog(tmp_path)
    other.append(event(4))
    with pytest.raises(AuditLogError, match="refusing to sign"):
        other.checkpoint(KEY)
    assert len(log.checkpoints()) == 1


# -- proofs -----------------------------------------------------------------------------------------------


def test_inclusion_proofs_verify_against_the_signed_root(tmp_path: Path) -> None:
    log = make_log(tmp_path, 13, checkpoints=(7, 13))
    stored = lines(tmp_path)
    for index in range(13):
        proof = log.inclusion_proof(index)
        assert proof.size == 13 and proof.checkpoint is not None
        assert proof.leaf == stored[index]
        signed_root = parse_checkpoint(proof.checkpoint.note).root
        assert signed_root == mth(stored)
        leaf = hashlib.sha256(b"\x00" + stored[index]).digest()
        assert verify_inclusion(index, 13, leaf, proof.path, signed_root)
    early = log.inclusion_proof(3, 7)
    assert early.root == mth(stored[:7]) and early.checkpoint is not None
    with pytest.raises(AuditLogError):
        log.inclusion_proof(13)
    with pytest.raises(AuditLogError):
        log.inclusion_proof(5, 5)


def test_consistency_proofs_link_the_checkpoints(tmp_path: Path) -> None:
    log = make_log(tmp_path, 13, checkpoints=(7, 13))
    old, new = log.checkpoints()
    proof = log.consistency_proof(old.size, new.size)
    assert verify_consistency(old.size, new.size, old.root, new.root, list(proof.path))
    log.append(event(13))
    later = log.consistency_proof(13)
    assert later.new_size == 14 and later.new_root == mth(lines(tmp_path))
    assert verify_consistency(13, 14, new.root, later.new_root, list(later.path))


# -- notes and keys ---------------------------------------------------------------------------------------

# golang.org/x/mod/sumdb/note note_test.go (BSD-3-Clause): the reference key, text and signature.
GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
GO_SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
GO_TEXT = (
    "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
)
GO_SIGNATURE = "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM="


def test_signed_notes_match_the_go_reference_byte_for_byte() -> None:
    signer = SigningKey.from_string(GO_SIGNER)
    verifier = VerifierKey.from_string(GO_VERIFIER)
    assert signer.to_string() == GO_SIGNER and signer.verifier().to_string() == GO_VERIFIER
    note = sign_note(GO_TEXT, signer)
    assert note == GO_TEXT + "\n\u2014 PeterNeumann " + GO_SIGNATURE + "\n"
    assert open_note(note, verifier) == GO_TEXT
    with pytest.raises(NoteError):
        open_note(note.replace("cryptography", "cryptographY"), verifier)
    with pytest.raises(NoteError):
        open_note(note, generate_signing_key("PeterNeumann").verifier())


@pytest.mark.parametrize(
    "text",
    [
        GO_VERIFIER.replace("c74f20a3", "c74f20a4"),  # id does not match the key
        GO_VERIFIER[:-4],
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a3+Apc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW=",
        GO_SIGNER,  # a private key where a public one is wanted
        "",
    ],
)
def test_malformed_verifier_keys_are_refused(text: str) -> None:
    with pytest.raises(KeyFileError):
        VerifierKey.from_string(text)


def test_signing_keys_are_saved_owner_only_and_never_shown(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "audit.key"
    key = generate_signing_key("test.example/audit")
    save_signing_key(key, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert load_signing_key(path).to_string() == key.to_string()
    secret = key.to_string().split("+", 4)[4]  # PRIVATE+KEY+name+id+base64 (which may hold "+")
    assert secret not in repr(key) and secret not in str(key)
    with pytest.raises(KeyFileError, match="refusing to overwrite"):
        save_signing_key(generate_signing_key(), path)
    path.chmod(0o644)
    with pytest.raises(KeyFileError, match="too open") as raised:
        load_signing_key(path)
    assert secret not in str(raised.value)
    public = tmp_path / "audit.pub"
    public.write_text(key.verifier().to_string() + "\n")
    loaded = load_verifier_key(public)
    assert loaded.to_string() == key.verifier().to_string()
    assert isinstance(loaded.public_key, Ed25519PublicKey)


# -- untrusted bytes --------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_parse_entry_only_raises_entry_error(data: bytes) -> None:
    with contextlib.suppress(EntryError):
        parse_entry(data)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_note_and_checkpoint_parsers_only_raise_note_error(text: str) -> None:
    for parse in (parse_note, parse_checkpoint):
        with contextlib.suppress(NoteError):
            parse(text)
    with contextlib.suppress(KeyFileError):
        VerifierKey.from_string(text)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pristine")
    make_log(folder, 12, checkpoints=(6, 12))
    return folder


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_change_to_a_checkpointed_log_is_reported(
    pristine: Path, tmp_path: Path, data: st.DataObject
) -> None:
    original = (pristine / "entries.jsonl").read_bytes()
    start = data.draw(st.integers(0, len(original) - 1))
    end = data.draw(st.integers(start, min(len(original), start + 40)))
    insert = data.draw(st.binary(max_size=20))
    changed = original[:start] + insert + original[end:]
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    (folder / "checkpoints.jsonl").write_bytes((pristine / "checkpoints.jsonl").read_bytes())
    (folder / "entries.jsonl").write_bytes(changed)
    report = AuditLog(folder).verify(KEY.verifier())  # never raises on whatever bytes it reads
    assert report.ok == (changed == original)
