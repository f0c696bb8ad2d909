#pragma once

#include "common/ServerText.h"
#include "pop3/Types.h"

#include <QByteArray>
#include <QList>

#include <vector>

namespace Pop3 {

struct ListEntry {
    quint32 message = 0;
    quint64 size = 0;
    bool operator==(const ListEntry &) const = default;
};

struct UidlEntry {
    quint32 message = 0;
    QByteArray uid;
    bool operator==(const UidlEntry &) const = default;
};

// The lines of a LIST or UIDL answer that could not be read. They are left
// out of the entries (one bad line never fails the whole answer); what they
// were is kept, bounded, so the user can be told.
struct RejectedLines {
    static constexpr int MaxKept = 8;              // lines kept in `first`
    static constexpr qsizetype MaxLineKept = 200;  // octets kept of each
    qsizetype count = 0;                           // every unreadable line
    std::vector<quint32> messages;                 // the message numbers they named, where one could be read
    QByteArrayList first;                          // the first MaxKept of them, truncated, as the server sent them

    void add(quint32 message, QByteArrayView line);
};

// One message of the maildrop as LIST and UIDL describe it.
struct MessageInfo {
    quint32 number = 0;
    quint64 size = 0;
    QByteArray uid;  // empty when the server has no UIDL, or gave none usable for this message
};

// Something wrong in a LIST or UIDL answer, and what was done about it.
struct ListingProblem {
    enum class Kind {
        MalformedList,    // a LIST line could not be read; a message it names is left alone
        RepeatedNumber,   // LIST named the message twice: left alone (neither downloaded nor deleted)
        MalformedUidl,    // a UIDL line could not be read; a message it names is kept without a uid
        ConflictingUid,   // UIDL gave the message two different uids: kept without a uid
        UidlForUnlisted,  // UIDL named a message LIST does not show: the line is ignored
        MissingUid,       // LIST shows the message, UIDL does not name it: kept without a uid
    };
    Kind kind = Kind::MalformedList;
    quint32 message = 0;      // 0 when the line named none that could be read
    Poplar::ServerText line;  // the server's line (empty for MissingUid); untrusted
};

// What was wrong with a listing, bounded: every problem counts, the first
// few are kept with their lines.
struct ListingProblems {
    static constexpr int MaxKept = 8;
    qsizetype count = 0;                // every problem found
    std::vector<ListingProblem> first;  // the first MaxKept
    std::vector<quint32> skipped;       // listed message numbers left out of the listing, ascending
    qsizetype withoutUid = 0;           // messages kept with an empty uid although the server has UIDL

    [[nodiscard]] bool isEmpty() const { return count == 0; }
    void add(ListingProblem problem);
};

struct Listing {
    std::vector<MessageInfo> messages;  // in LIST order
    ListingProblems problems;
};

// Joins a LIST answer with a UIDL answer (`uidl` null when the server has no
// UIDL). What cannot be used is skipped and reported, the rest is kept:
// - a message LIST names more than once, or on an unreadable line, is left
//   out (neither downloaded nor deleted) and listed in `skipped`;
// - a message whose UIDL line is missing, unreadable or contradicted by
//   another is kept with an empty uid (download it, never delete it);
// - a UIDL line for a message LIST does not show is ignored.
// `uidl` is sorted in place and its uids are moved out.
[[nodiscard]] Listing mergeListing(const std::vector<ListEntry> &list, const RejectedLines &listRejected,
    std::vector<UidlEntry> *uidl, const RejectedLines &uidlRejected);

}  // namespace Pop3
