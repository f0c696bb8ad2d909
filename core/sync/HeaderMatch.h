#pragma once

#include "sync/Ledger.h"
#include "sync/Plan.h"

#include <QByteArray>
#include <QList>

#include <map>
#include <optional>
#include <vector>

namespace Sync {

// Recognising messages the server lists under new UIDLs, by their header.
//
// A server may give messages new UIDLs: all of them (a move to another
// server, a rebuilt index), some of them (a broken server that repeated
// UIDLs and no longer does, one that renumbers after deletions), or reuse an
// old UIDL for another message. Whenever the list has messages the ledger
// does not know (or knows with another size, or knows as deleted there)
// while entries it has on the server are no longer listed under their keys
// (or are listed again after their deletion), the unknown messages are read
// with TOP n 0 — only those whose size one of those entries' local copies
// could have — and one whose Message-ID and size match such a copy is that
// message: its entry takes the new key instead of it being downloaded
// again. Pure functions, so that the fetch and its dry run, and the tests,
// decide alike.
namespace HeaderMatch {

// A listed message whose header is to be read.
struct Unknown {
    std::size_t index = 0;  // into the server list
    int occurrence = 1;     // of its key, counted in message order
};

struct Candidates {
    std::vector<Unknown> toRead;  // in message order
    QList<LocalCopy> copies;      // the local copies they may be
};

// Whether the list calls for looking at headers at all (some message is
// unknown while some entry is not where it was), and whether the copies of
// entries deleted there are needed too (some are listed again): a cheap
// look before the local copies are read.
struct Need {
    bool headers = false;
    bool deletedCopies = false;
};
[[nodiscard]] Need need(const std::vector<ServerMessage> &server, const QList<LedgerEntry> &ledger);

// `copies`: the ledger's local copies of entries on the server
// (Ledger::localCopies). Nothing to read when no entry is missing from the
// list or no unknown message has a size one of them could have.
[[nodiscard]] Candidates candidates(
    const std::vector<ServerMessage> &server, const QList<LedgerEntry> &ledger, const QList<LocalCopy> &copies);

// The server lists a message as `size` octets: can it be this local copy?
// The ledger has the size the server listed; with `exact` false a whole
// copy's own size also counts, as does that plus 2: Dovecot does not count
// the CRLF it adds to a message that does not end with a line break, but
// sends it.
[[nodiscard]] bool sizeFits(const LocalCopy &copy, quint64 size, bool exact);

// Matches headers to copies, each copy at most once.
class Matcher
{
public:
    explicit Matcher(QList<LocalCopy> copies);

    // The header of `message` (its key's `occurrence`) gave this Message-ID
    // (without angle brackets; empty when it has none): the entry it is, if
    // any, moved to the message's key (an empty one for a message listed
    // without a UIDL: recognised, but its entry stays where it is).
    std::optional<LedgerRekey> match(const ServerMessage &message, int occurrence, const QByteArray &messageId);

    // After match() found nothing: the header shows that the ledger's entry
    // under the message's own key is another message (its copy has another
    // Message-ID). Such a message is new mail, whatever its size.
    [[nodiscard]] bool differs(const ServerMessage &message, int occurrence, const QByteArray &messageId) const;

    [[nodiscard]] const std::vector<LedgerRekey> &matches() const { return m_matches; }

private:
    QList<LocalCopy> m_copies;
    std::vector<bool> m_taken;
    std::multimap<QByteArray, qsizetype> m_byMessageId;
    std::vector<LedgerRekey> m_matches;
};

// The server refused UIDL this time: each listed message whose header gave
// a Message-ID (`messageIds`, one per listed message, in order) matching a
// local copy of an entry not deleted there (and of a size it could have)
// is that copy; the rest is new. Each copy is recognised at most once.
struct Recognised {
    int count = 0;                       // messages recognised as stored here
    std::vector<ServerMessage> unknown;  // the others, in list order
};
[[nodiscard]] Recognised recogniseWithoutUidl(const std::vector<ServerMessage> &server,
    const std::vector<QByteArray> &messageIds, const QList<LocalCopy> &copies);

// The ledger as it is once `rekeys` are applied (a dry run applies them to
// its plan only): entries moved to their new keys and sizes; one left under
// a key that another moved to is gone.
[[nodiscard]] QList<LedgerEntry> applied(QList<LedgerEntry> ledger, const std::vector<LedgerRekey> &rekeys);

}  // namespace HeaderMatch

}  // namespace Sync
