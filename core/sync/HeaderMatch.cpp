#include "sync/HeaderMatch.h"

#include <QHash>

#include <algorithm>
#include <set>

namespace Sync::HeaderMatch {

namespace {

using KeyAndOccurrence = std::pair<QByteArray, int>;

}  // namespace

bool sizeFits(const LocalCopy &c, quint64 size, bool exact)
{
    if (quint64(c.entry.size) == size)
        return true;
    if (exact || c.entry.state == LedgerState::Partial)
        return false;
    return quint64(c.storedSize) == size || quint64(c.storedSize) == size + 2;
}

namespace {

// The server's list against the ledger.
struct Sorted {
    std::set<KeyAndOccurrence> listedAsKnown;  // on the server under their key, with their size
    std::set<KeyAndOccurrence> relisted;       // deleted there, and listed again
    std::vector<Unknown> unknown;              // messages to look at
};

Sorted sort(const std::vector<ServerMessage> &server, const QList<LedgerEntry> &ledger)
{
    std::map<KeyAndOccurrence, const LedgerEntry *> byKey;
    for (const LedgerEntry &e : ledger)
        byKey[{ e.key, e.occurrence }] = &e;

    // Occurrences counted as makePlan() counts them, in message order. A
    // message is known when the ledger has its key with its size.
    QHash<QByteArray, int> seen;
    Sorted out;
    auto &[listedAsKnown, relisted, unknown] = out;
    for (std::size_t i = 0; i < server.size(); ++i) {
        const ServerMessage &m = server[i];
        if (m.key.isEmpty()) {
            // Listed without a UIDL: it may be a message stored here under
            // the UIDL the server left out this time.
            unknown.push_back({ i, 1 });
            continue;
        }
        const int occurrence = ++seen[m.key];
        auto it = byKey.find({ m.key, occurrence });
        if (it == byKey.end() || quint64(it->second->size) != m.size) {
            unknown.push_back({ i, occurrence });
        } else if (it->second->state == LedgerState::DeletedOnServer) {
            // Deleted there, and listed again: the same message (a deletion
            // the server did not make), or new mail behind a reused UIDL.
            unknown.push_back({ i, occurrence });
            relisted.insert({ m.key, occurrence });
        } else {
            listedAsKnown.insert({ m.key, occurrence });
        }
    }
    return out;
}

}  // namespace

Need need(const std::vector<ServerMessage> &server, const QList<LedgerEntry> &ledger)
{
    const Sorted sorted = sort(server, ledger);
    Need out;
    if (sorted.unknown.empty())
        return out;
    // Only worth it while an entry on the server is not where it was.
    const bool missing = std::any_of(ledger.begin(), ledger.end(), [&](const LedgerEntry &e) {
        return e.state != LedgerState::DeletedOnServer && !sorted.listedAsKnown.count({ e.key, e.occurrence });
    });
    out.deletedCopies = !sorted.relisted.empty();
    out.headers = missing || out.deletedCopies;
    return out;
}

Candidates candidates(
    const std::vector<ServerMessage> &server, const QList<LedgerEntry> &ledger, const QList<LocalCopy> &copies)
{
    const auto [listedAsKnown, relisted, unknown] = sort(server, ledger);
    Candidates out;
    if (unknown.empty())
        return out;
    // The local copies of entries on the server that it no longer lists
    // under their key (and size), and of those deleted there that it lists
    // again. One without Message-ID cannot be recognised.
    std::set<quint64> sizes;  // what the server could list one of them as
    for (const LocalCopy &c : copies) {
        const KeyAndOccurrence key { c.entry.key, c.entry.occurrence };
        const bool gone = c.entry.state == LedgerState::DeletedOnServer && !relisted.count(key);
        if (gone || c.headerMessageId.isEmpty() || listedAsKnown.count(key))
            continue;
        out.copies << c;
        sizes.insert(quint64(c.entry.size));
        if (c.entry.state != LedgerState::Partial) {
            sizes.insert(quint64(c.storedSize));
            if (c.storedSize >= 2)
                sizes.insert(quint64(c.storedSize - 2));
        }
    }
    for (const Unknown &u : unknown) {
        if (sizes.count(server[u.index].size))
            out.toRead.push_back(u);
    }
    if (out.toRead.empty())
        out.copies.clear();
    return out;
}

Matcher::Matcher(QList<LocalCopy> copies)
    : m_copies(std::move(copies))
    , m_taken(std::size_t(m_copies.size()), false)
{
    for (qsizetype i = 0; i < m_copies.size(); ++i)
        m_byMessageId.insert({ m_copies.at(i).headerMessageId, i });
}

std::optional<LedgerRekey> Matcher::match(const ServerMessage &m, int occurrence, const QByteArray &messageId)
{
    if (messageId.isEmpty())
        return std::nullopt;
    const auto [first, last] = m_byMessageId.equal_range(messageId);
    // The size the ledger has first, then a local copy's own.
    for (const bool exact : { true, false }) {
        for (auto it = first; it != last; ++it) {
            const std::size_t i = std::size_t(it->second);
            const LocalCopy &c = m_copies.at(it->second);
            if (m_taken[i] || !sizeFits(c, m.size, exact))
                continue;
            m_taken[i] = true;
            m_matches.push_back({ { c.entry.key, c.entry.occurrence }, { m.key, occurrence }, qint64(m.size) });
            return m_matches.back();
        }
    }
    return std::nullopt;
}

bool Matcher::differs(const ServerMessage &m, int occurrence, const QByteArray &messageId) const
{
    for (const LocalCopy &c : m_copies) {
        if (c.entry.key == m.key && c.entry.occurrence == occurrence)
            return !c.headerMessageId.isEmpty() && c.headerMessageId != messageId;
    }
    return false;
}

QList<LedgerEntry> applied(QList<LedgerEntry> ledger, const std::vector<LedgerRekey> &rekeys)
{
    std::map<KeyAndOccurrence, const LedgerRekey *> moving;
    std::set<KeyAndOccurrence> targets;
    for (const LedgerRekey &r : rekeys) {
        moving[{ r.from.key, r.from.occurrence }] = &r;
        targets.insert({ r.to.key, r.to.occurrence });
    }
    QList<LedgerEntry> out;
    for (LedgerEntry e : std::as_const(ledger)) {
        auto it = moving.find({ e.key, e.occurrence });
        if (it != moving.end()) {
            e.key = it->second->to.key;
            e.occurrence = it->second->to.occurrence;
            e.size = it->second->size;
        } else if (targets.count({ e.key, e.occurrence })) {
            continue;  // its key went to another message
        }
        out << e;
    }
    return out;
}

Recognised recogniseWithoutUidl(
    const std::vector<ServerMessage> &server, const std::vector<QByteArray> &messageIds, const QList<LocalCopy> &copies)
{
    QList<LocalCopy> onServer;
    for (const LocalCopy &c : copies) {
        if (c.entry.state != LedgerState::DeletedOnServer && !c.headerMessageId.isEmpty())
            onServer << c;
    }
    Matcher matcher(onServer);
    Recognised out;
    for (std::size_t i = 0; i < server.size(); ++i) {
        const QByteArray id = i < messageIds.size() ? messageIds[i] : QByteArray();
        if (matcher.match(server[i], 1, id))
            ++out.count;
        else
            out.unknown.push_back(server[i]);
    }
    return out;
}

}  // namespace Sync::HeaderMatch
