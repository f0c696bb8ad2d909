#include "store/Schema.h"

#include "store/Database.h"
#include "store/SqlValues.h"

#include <QStringList>

namespace Store {

using Poplar::Error;
using Poplar::ErrorCode;

namespace {

struct Migration {
    int version;
    const char *description;
    QStringList statements;
};

// Version 2: a trigger that keeps the search index in step with its
// source. FTS5 must be handed the exact text it indexed to remove it, so a
// removal reads the source view while the old row is still there (BEFORE)
// and an addition once the new one is (AFTER).
enum IndexChange { IndexAdd, IndexRemove };
QString indexTrigger(const QString &nameAndEvent, IndexChange change, const QString &idExpression)
{
    const QString command = change == IndexAdd ? QString() : QStringLiteral("message_search, ");
    const QString value = change == IndexAdd ? QString() : QStringLiteral("'delete', ");
    return QStringLiteral("CREATE TRIGGER %1 BEGIN INSERT INTO message_search(%2rowid, subject, sender, recipients, "
                          "body, attachments) SELECT %3id, subject, sender, recipients, body, attachments FROM "
                          "message_search_source WHERE id = %4; END")
        .arg(nameAndEvent, command, value, idExpression);
}

// Never edit a migration that has shipped: add a new one.
const QList<Migration> &migrations()
{
    static const QList<Migration> all = {
        { 1, "accounts, folders, messages with raw chunks",
            {
                QStringLiteral(R"(CREATE TABLE accounts (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    created_at INTEGER NOT NULL))"),
                // kind: a FolderKind (StoreTypes.h)
                QStringLiteral(R"(CREATE TABLE folders (
                    id INTEGER PRIMARY KEY,
                    parent_id INTEGER REFERENCES folders(id) ON DELETE RESTRICT,
                    name TEXT NOT NULL,
                    kind INTEGER NOT NULL,
                    account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
                    created_at INTEGER NOT NULL,
                    CHECK (kind IN (%1, %2, %3)),
                    CHECK (length(name) BETWEEN 1 AND 255)))")
                    .arg(Sql::value(FolderKind::Local))
                    .arg(Sql::value(FolderKind::Inbox))
                    .arg(Sql::value(FolderKind::Trash)),
                QStringLiteral("CREATE UNIQUE INDEX folders_unique_name ON folders(ifnull(parent_id, 0), name) "
                               "WHERE %1")
                    .arg(Sql::kindIs(FolderKind::Local)),
                QStringLiteral("CREATE UNIQUE INDEX folders_one_trash ON folders(kind) WHERE %1")
                    .arg(Sql::kindIs(FolderKind::Trash)),
                QStringLiteral("CREATE UNIQUE INDEX folders_one_inbox ON folders(account_id) WHERE %1")
                    .arg(Sql::kindIs(FolderKind::Inbox)),
                // Dates are milliseconds since the epoch, UTC. `date` is the
                // parsed Date header or, failing that, the arrival time.
                // flags: Flag (StoreTypes.h): seen, flagged, answered, partial.
                // parse_state: 0 understood, 1 partly, 2 not at all (raw only).
                QStringLiteral(R"(CREATE TABLE messages (
                    id INTEGER PRIMARY KEY,
                    folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE RESTRICT,
                    account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
                    uidl BLOB,
                    received_at INTEGER NOT NULL,
                    date INTEGER NOT NULL,
                    size INTEGER NOT NULL,
                    subject TEXT NOT NULL DEFAULT '',
                    from_name TEXT NOT NULL DEFAULT '',
                    from_address TEXT NOT NULL DEFAULT '',
                    to_text TEXT NOT NULL DEFAULT '',
                    cc_text TEXT NOT NULL DEFAULT '',
                    message_id TEXT,
                    in_reply_to TEXT,
                    refs TEXT,
                    list_id TEXT,
                    has_attachments INTEGER NOT NULL DEFAULT 0,
                    snippet TEXT NOT NULL DEFAULT '',
                    flags INTEGER NOT NULL DEFAULT 0,
                    parse_state INTEGER NOT NULL DEFAULT 0,
                    trashed_from INTEGER REFERENCES folders(id) ON DELETE SET NULL,
                    trashed_at INTEGER))"),
                QStringLiteral("CREATE INDEX messages_folder_date ON messages(folder_id, date DESC, id DESC)"),
                QStringLiteral("CREATE INDEX messages_folder_flags ON messages(folder_id, flags)"),
                QStringLiteral("CREATE INDEX messages_message_id ON messages(message_id)"),
                QStringLiteral("CREATE INDEX messages_account_uidl ON messages(account_id, uidl)"),
                // The raw RFC 5322 bytes, exactly as received, in pieces of at
                // most 1 MiB so that no message is ever held whole twice.
                QStringLiteral(R"(CREATE TABLE message_chunks (
                    id INTEGER PRIMARY KEY,
                    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                    seq INTEGER NOT NULL,
                    data BLOB NOT NULL))"),
                QStringLiteral("CREATE UNIQUE INDEX message_chunks_order ON message_chunks(message_id, seq)"),
                QStringLiteral("INSERT INTO folders(parent_id, name, kind, account_id, created_at) "
                               "VALUES (NULL, 'Trash', %1, NULL, CAST(strftime('%s','now') AS INTEGER) * 1000)")
                    .arg(Sql::value(FolderKind::Trash)),
            } },
        { 2, "full-text search (FTS5 with the poplar tokenizer), date index",
            {
                // The text that is searched but not kept elsewhere: the body
                // as plain text (HTML converted) and the attachments' names.
                QStringLiteral(R"(CREATE TABLE message_text (
                    message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
                    body TEXT NOT NULL DEFAULT '',
                    attachment_names TEXT NOT NULL DEFAULT ''))"),
                // What the index holds, one row per message. The index keeps
                // no copy of its own (external content): it reads this view.
                QStringLiteral(R"(CREATE VIEW message_search_source AS
                    SELECT m.id AS id, m.subject AS subject, m.from_name || ' ' || m.from_address AS sender,
                           m.to_text || ' ' || m.cc_text AS recipients, t.body AS body,
                           t.attachment_names AS attachments
                    FROM messages m JOIN message_text t ON t.message_id = m.id)"),
                // columnsize=0: results are sorted by date, never by rank.
                QStringLiteral("CREATE VIRTUAL TABLE message_search USING fts5(subject, sender, recipients, body, "
                               "attachments, content='message_search_source', content_rowid='id', "
                               "tokenize='poplar', columnsize=0)"),
                // The index follows its source (see indexTrigger).
                indexTrigger(QStringLiteral("message_text_ai AFTER INSERT ON message_text"), IndexAdd,
                    QStringLiteral("new.message_id")),
                indexTrigger(QStringLiteral("message_text_bd BEFORE DELETE ON message_text"), IndexRemove,
                    QStringLiteral("old.message_id")),
                indexTrigger(QStringLiteral("message_text_bu BEFORE UPDATE ON message_text"), IndexRemove,
                    QStringLiteral("old.message_id")),
                indexTrigger(QStringLiteral("message_text_au AFTER UPDATE ON message_text"), IndexAdd,
                    QStringLiteral("new.message_id")),
                // A message's text goes first, while the message row still
                // provides the subject and addresses the index holds.
                QStringLiteral("CREATE TRIGGER messages_bd BEFORE DELETE ON messages BEGIN "
                               "DELETE FROM message_text WHERE message_id = old.id; END"),
                indexTrigger(QStringLiteral("messages_bu BEFORE UPDATE OF subject, from_name, from_address, to_text, "
                                            "cc_text ON messages"),
                    IndexRemove, QStringLiteral("old.id")),
                indexTrigger(QStringLiteral("messages_au AFTER UPDATE OF subject, from_name, from_address, to_text, "
                                            "cc_text ON messages"),
                    IndexAdd, QStringLiteral("new.id")),
                // Mail stored before the index existed is searchable by its
                // header fields and snippet at once. The store notes that its
                // full text is still to be derived from the raw bytes;
                // MailStore::open does that and removes the note only when
                // it has finished, so an interrupted run starts again.
                QStringLiteral("INSERT INTO message_text(message_id, body) SELECT id, snippet FROM messages"),
                QStringLiteral("CREATE TABLE store_notes (name TEXT PRIMARY KEY, value) WITHOUT ROWID"),
                QStringLiteral("INSERT INTO store_notes(name, value) SELECT 'reindex-pending', 1 "
                               "WHERE EXISTS (SELECT 1 FROM messages)"),
                // Newest first across folders (the unified inbox, search) and
                // in one folder. Search walks these in date order and stops
                // at a page of matches, so they carry every column a filter
                // needs: no row is read for a message that does not match.
                QStringLiteral("CREATE INDEX messages_date ON messages(date DESC, id DESC, folder_id, flags, "
                               "has_attachments)"),
                QStringLiteral("DROP INDEX messages_folder_date"),
                QStringLiteral("CREATE INDEX messages_folder_date ON messages(folder_id, date DESC, id DESC, flags, "
                               "has_attachments)"),
                QStringLiteral("CREATE INDEX messages_trashed_from ON messages(trashed_from)"),
            } },
        { 3, "new messages enter the search index once per transaction",
            {
                // FTS5 writes the terms it holds in memory out as a new index
                // segment at every statement savepoint, and a statement that
                // fires a trigger opens one. Adding each message to the index
                // from a trigger therefore made one tiny segment per message,
                // and importing spent most of its time merging them. The
                // writer now adds a transaction's new messages with one
                // statement just before it commits (MailStore, runInTransaction).
                // Removals and changes keep their triggers: they come one
                // statement per batch already.
                QStringLiteral("DROP TRIGGER message_text_ai"),
            } },
        { 4, "account settings: server, security, login, leave-on-server policy, schedule",
            {
                // No secret is ever stored here: the password lives in the
                // system keychain under credential_key (random, per account,
                // so that two profiles never share an entry).
                // security: 'tls' | 'starttls' | 'none' (plaintext only with
                // insecure_consent). auth: 'auto' or a mechanism name.
                // Policy: leave_on_server 0 deletes right after download;
                // keep_days / keep_count / keep_mb (0: no limit) bound what
                // stays; size_limit_kb (0: none) stores bigger messages as
                // headers and first lines.
                QStringLiteral("ALTER TABLE accounts ADD COLUMN email TEXT NOT NULL DEFAULT ''"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN display_name TEXT NOT NULL DEFAULT ''"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN host TEXT NOT NULL DEFAULT ''"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN port INTEGER NOT NULL DEFAULT 0 "
                               "CHECK (port BETWEEN 0 AND 65535)"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN security TEXT NOT NULL DEFAULT 'tls' "
                               "CHECK (security IN ('tls', 'starttls', 'none'))"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN insecure_consent INTEGER NOT NULL DEFAULT 0"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN auth TEXT NOT NULL DEFAULT 'auto'"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN user_name TEXT NOT NULL DEFAULT ''"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN ca_file TEXT NOT NULL DEFAULT ''"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN pinned_sha256 BLOB"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN leave_on_server INTEGER NOT NULL DEFAULT 1"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN keep_days INTEGER NOT NULL DEFAULT 0"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN keep_count INTEGER NOT NULL DEFAULT 0"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN keep_mb INTEGER NOT NULL DEFAULT 0"),
                QStringLiteral(
                    "ALTER TABLE accounts ADD COLUMN delete_when_deleted_locally INTEGER NOT NULL DEFAULT 0"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN size_limit_kb INTEGER NOT NULL DEFAULT 0"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN interval_minutes INTEGER NOT NULL DEFAULT 10"),
                // NULL: the account's own Inbox.
                QStringLiteral("ALTER TABLE accounts ADD COLUMN target_folder_id INTEGER "
                               "REFERENCES folders(id) ON DELETE SET NULL"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1"),
                // The user accepted matching by Message-ID, size and Date on
                // a server without UIDL.
                QStringLiteral("ALTER TABLE accounts ADD COLUMN uidl_fallback_accepted INTEGER NOT NULL DEFAULT 0"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN credential_key TEXT"),
                QStringLiteral("UPDATE accounts SET credential_key = lower(hex(randomblob(16)))"),
                QStringLiteral("CREATE UNIQUE INDEX accounts_credential_key ON accounts(credential_key)"),
            } },
        { 5, "the POP3 ledger: what each account downloaded and what is still on its server",
            {
                // One row per message a fetch stored (or stored in part).
                // `uidl` is the server's unique id; a broken server may give
                // two messages the same one, so the key also counts which
                // occurrence (1, 2, …, in message-number order) it was.
                // With `fallback` set, `uidl` is not the server's but a key
                // made from Message-ID, size and Date (servers without UIDL).
                // state: 0 on the server, 1 deleted on the server (QUIT
                // confirmed it, or the server no longer lists it), 2 on the
                // server and stored only in part (headers and first lines).
                // `message_id` is NULL once the local copy is deleted for
                // good; `deleted_locally_at` says when.
                QStringLiteral(R"(CREATE TABLE pop3_ledger (
                    id INTEGER PRIMARY KEY,
                    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                    uidl BLOB NOT NULL,
                    occurrence INTEGER NOT NULL DEFAULT 1 CHECK (occurrence >= 1),
                    fallback INTEGER NOT NULL DEFAULT 0,
                    message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
                    size INTEGER NOT NULL,
                    first_seen_at INTEGER NOT NULL,
                    state INTEGER NOT NULL DEFAULT 0 CHECK (state IN (0, 1, 2)),
                    deleted_locally_at INTEGER))"),
                QStringLiteral("CREATE UNIQUE INDEX pop3_ledger_key ON pop3_ledger(account_id, uidl, occurrence)"),
                QStringLiteral("CREATE INDEX pop3_ledger_message ON pop3_ledger(message_id)"),
                // A message leaving the store for good (deleted permanently,
                // or Trash emptied) is what "delete on the server when
                // deleted locally" acts on.
                QStringLiteral("CREATE TRIGGER pop3_ledger_local_delete BEFORE DELETE ON messages BEGIN "
                               "UPDATE pop3_ledger SET deleted_locally_at = "
                               "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) "
                               "WHERE message_id = old.id AND deleted_locally_at IS NULL; END"),
                // Messages that already carry a UIDL were downloaded from
                // their account (or, lacking one, the account whose Inbox
                // holds them).
                QStringLiteral("INSERT OR IGNORE INTO pop3_ledger(account_id, uidl, message_id, size, first_seen_at) "
                               "SELECT a, uidl, id, size, received_at FROM (SELECT ifnull(m.account_id, "
                               "(SELECT f.account_id FROM folders f WHERE f.id = m.folder_id AND %1)) AS a, "
                               "m.uidl, m.id, m.size, m.received_at FROM messages m WHERE m.uidl IS NOT NULL) "
                               "WHERE a IS NOT NULL")
                    .arg(Sql::kindIs(FolderKind::Inbox, QStringLiteral("f"))),
                // What the server told about itself and how the last fetches
                // went, per account (settings stay in `accounts`).
                // login_delay_s: LOGIN-DELAY, the least time between logins;
                // expire_days: EXPIRE (-1 never, 0 deleted at QUIT).
                QStringLiteral(R"(CREATE TABLE account_sync_state (
                    account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
                    last_attempt_at INTEGER,
                    last_login_at INTEGER,
                    last_success_at INTEGER,
                    login_delay_s INTEGER,
                    expire_days INTEGER,
                    uidl_supported INTEGER,
                    failures INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT,
                    last_server_text BLOB))"),
            } },
        { 6, "fetch history: each account's recent fetches and what its server held",
            {
                // One row per fetch that ran to an end (a dry run, and a
                // fetch that found another one of the account running, leave
                // none), written when it ends in the same transaction as
                // account_sync_state. A fetch killed midway leaves no row:
                // what it stored is in the ledger, and the next fetch goes on
                // from there. FetchHistory keeps the newest 50 per account.
                // Times are milliseconds since the epoch, UTC. stored /
                // stored_partial: messages stored whole / as headers and
                // first lines; bytes_received: the message data read;
                // server_count / server_bytes: what STAT said after login
                // (NULL when the fetch did not get that far). error: the
                // error code's name (NULL: it succeeded), with the response
                // code and the server's own words (raw, bounded). Never a
                // credential: the client's technical detail is not kept.
                QStringLiteral(R"(CREATE TABLE fetch_history (
                    id INTEGER PRIMARY KEY,
                    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                    started_at INTEGER NOT NULL,
                    finished_at INTEGER NOT NULL,
                    stored INTEGER NOT NULL DEFAULT 0,
                    stored_partial INTEGER NOT NULL DEFAULT 0,
                    deleted_on_server INTEGER NOT NULL DEFAULT 0,
                    bytes_received INTEGER NOT NULL DEFAULT 0,
                    server_count INTEGER,
                    server_bytes INTEGER,
                    error TEXT,
                    response_code TEXT,
                    server_text BLOB))"),
                QStringLiteral("CREATE INDEX fetch_history_account ON fetch_history(account_id, id)"),
            } },
        { 7, "ledger holds, messages that break the connection, the next login LOGIN-DELAY allows",
            {
                // hold: why a stored message is never deleted on the server
                // automatically (0: it may be): 1 its data differed in size
                // from what LIST said, 2 the server gave it no UIDL.
                QStringLiteral("ALTER TABLE pop3_ledger ADD COLUMN hold INTEGER NOT NULL DEFAULT 0"),
                // A message whose download ended the session (the link
                // dropped, timed out, or the server sent garbage in it), by
                // its key and LIST size: after two such failures a fetch
                // downloads the others first and tries it last, alone.
                // subject: from its header (TOP n 0), when that could be read.
                QStringLiteral(R"(CREATE TABLE pop3_troublesome (
                    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                    uidl BLOB NOT NULL,
                    occurrence INTEGER NOT NULL DEFAULT 1,
                    size INTEGER NOT NULL,
                    failures INTEGER NOT NULL DEFAULT 0,
                    last_failed_at INTEGER,
                    last_tried_at INTEGER,
                    last_error TEXT,
                    subject TEXT,
                    PRIMARY KEY (account_id, uidl, occurrence, size)))"),
                // The earliest next login after the server refused one with
                // [LOGIN-DELAY] (a successful login's limit follows from
                // last_login_at and login_delay_s).
                QStringLiteral("ALTER TABLE account_sync_state ADD COLUMN login_not_before INTEGER"),
            } },
        { 8, "new messages wait for the search index in a table of their own",
            {
                // Tokenising a message for the index cost as much as storing
                // it, and a fetch waited for both before the next batch. A
                // new message now commits with a row here, and joins the
                // index in a later transaction (SearchIndex): when the writer
                // has nothing else to do, or before a search. The row goes
                // in with the message and leaves in the transaction that
                // indexes it, so a kill at any moment leaves each message
                // either indexed or waiting.
                QStringLiteral(R"(CREATE TABLE search_pending (
                    message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE))"),
                // A waiting message is not in the index's source: FTS5 can
                // only remove what it holds, and the triggers that keep the
                // index in step (version 2) read this view, so deleting or
                // changing a waiting message leaves the index alone.
                QStringLiteral("DROP VIEW message_search_source"),
                QStringLiteral(R"(CREATE VIEW message_search_source AS
                    SELECT m.id AS id, m.subject AS subject, m.from_name || ' ' || m.from_address AS sender,
                           m.to_text || ' ' || m.cc_text AS recipients, t.body AS body,
                           t.attachment_names AS attachments
                    FROM messages m JOIN message_text t ON t.message_id = m.id
                    WHERE NOT EXISTS (SELECT 1 FROM search_pending p WHERE p.message_id = m.id))"),
            } },
        { 9, "the outbox, the folder sent messages are kept in, each account's outgoing server",
            {
                // Which local folder plays a part: 'sent' keeps the copies
                // of what was submitted. Deleting the folder (its messages
                // go to Trash) ends the part; the next message sent makes a
                // new Local/Sent.
                QStringLiteral(R"(CREATE TABLE folder_roles (
                    role TEXT PRIMARY KEY CHECK (role IN ('sent')),
                    folder_id INTEGER NOT NULL UNIQUE REFERENCES folders(id) ON DELETE CASCADE) WITHOUT ROWID)"),
                // One row per message given to the outbox. state: 0 queued,
                // 1 sending (its final dot has not gone out), 2 in doubt (the
                // dot went out; no answer came), 3 sent, 4 failed (the
                // server refused it for good). The bytes are exactly what is
                // submitted (no Bcc); bcc is the Bcc line kept for the Sent
                // copy. recipients: one envelope address per line. A row
                // whose account goes away stays (account_id NULL): nothing
                // written is lost with an account.
                QStringLiteral(R"(CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY,
                    account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
                    state INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 4),
                    message_id TEXT NOT NULL,
                    subject TEXT NOT NULL DEFAULT '',
                    envelope_from TEXT NOT NULL,
                    recipients TEXT NOT NULL,
                    bcc TEXT NOT NULL DEFAULT '',
                    size INTEGER NOT NULL,
                    eight_bit INTEGER NOT NULL DEFAULT 0,
                    smtp_utf8 INTEGER NOT NULL DEFAULT 0,
                    queued_at INTEGER NOT NULL,
                    not_before INTEGER,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_attempt_at INTEGER,
                    error_code TEXT,
                    error_text TEXT,
                    refused TEXT,
                    answers INTEGER REFERENCES messages(id) ON DELETE SET NULL,
                    answer_flag INTEGER NOT NULL DEFAULT 0,
                    sent_copy INTEGER REFERENCES messages(id) ON DELETE SET NULL))"),
                QStringLiteral("CREATE INDEX outbox_due ON outbox(account_id, state, not_before)"),
                // Deleting a message looks here (ON DELETE SET NULL).
                QStringLiteral("CREATE INDEX outbox_sent_copy ON outbox(sent_copy) WHERE sent_copy IS NOT NULL"),
                QStringLiteral("CREATE INDEX outbox_answers ON outbox(answers) WHERE answers IS NOT NULL"),
                // Each account's outgoing (SMTP submission) server. smtp_host
                // '': none set yet. smtp_port 0: the default for the security
                // (465 implicit TLS, 587 STARTTLS). smtp_user '': the POP3
                // login. smtp_separate_login 0: the account's own secret; 1: a
                // keychain entry of its own (credential_key + "-smtp").
                QStringLiteral("ALTER TABLE accounts ADD COLUMN smtp_host TEXT NOT NULL DEFAULT ''"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN smtp_port INTEGER NOT NULL DEFAULT 0 "
                               "CHECK (smtp_port BETWEEN 0 AND 65535)"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN smtp_security TEXT NOT NULL DEFAULT 'tls' "
                               "CHECK (smtp_security IN ('tls', 'starttls', 'none'))"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN smtp_insecure_consent INTEGER NOT NULL DEFAULT 0"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN smtp_auth TEXT NOT NULL DEFAULT 'auto'"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN smtp_user TEXT NOT NULL DEFAULT ''"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN smtp_ca_file TEXT NOT NULL DEFAULT ''"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN smtp_pinned_sha256 BLOB"),
                QStringLiteral("ALTER TABLE accounts ADD COLUMN smtp_separate_login INTEGER NOT NULL DEFAULT 0"),
                QStringLiteral(R"(CREATE TABLE outbox_chunks (
                    outbox_id INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
                    seq INTEGER NOT NULL,
                    data BLOB NOT NULL,
                    PRIMARY KEY (outbox_id, seq)) WITHOUT ROWID)"),
            } },
    };
    return all;
}

}  // namespace

int Schema::latestVersion()
{
    return migrations().last().version;
}

Poplar::Result<int> Schema::version(Database &db)
{
    auto v = db.scalar(QStringLiteral("PRAGMA user_version"));
    if (!v)
        return v.error();
    return v->toInt();
}

Poplar::Result<int> Schema::migrate(Database &db)
{
    return migrateTo(db, latestVersion());
}

Poplar::Result<int> Schema::migrateTo(Database &db, int target)
{
    auto start = version(db);
    if (!start)
        return start.error();
    if (*start > latestVersion())
        return Error(ErrorCode::StoreError,
            QStringLiteral("the store has schema version %1; this Poplar knows up to %2 (is it older?)")
                .arg(*start)
                .arg(latestVersion()));
    for (const Migration &m : migrations()) {
        if (m.version <= *start || m.version > target)
            continue;
        Transaction t(db);
        if (auto st = t.begin(); !st)
            return st.error();
        // Re-check inside the lock: another process may have migrated.
        auto current = version(db);
        if (!current)
            return current.error();
        if (*current >= m.version)
            continue;
        for (const QString &sql : m.statements) {
            if (auto st = db.exec(sql); !st) {
                Error e = st.error();
                e.detail = QStringLiteral("migration %1 (%2): %3")
                               .arg(m.version)
                               .arg(QString::fromLatin1(m.description), e.detail);
                return e;
            }
        }
        if (auto st = db.exec(QStringLiteral("PRAGMA user_version = %1").arg(m.version)); !st)
            return st.error();
        if (auto st = t.commit(); !st)
            return st.error();
    }
    return *start;
}

}  // namespace Store
