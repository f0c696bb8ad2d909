#pragma once

#include "common/Result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace Store {

// A search as the user types it, parsed. Terms are ANDed:
//
//   word          the word anywhere (subject, sender, recipients, body,
//                 attachment names); accents and case do not matter
//   word*         words starting with "word"
//   "two words"   the words next to each other, in this order
//   -word         messages without it (any term or filter can be negated)
//   from:x  to:x  cc:x  subject:x  the term in that field only (to: and cc:
//                 both search the recipients); x may be quoted or end in *
//   has:attachment   is:unread  is:read  is:flagged  is:unflagged
//   before:YYYY-MM-DD   sent before that day (local time)
//   after:YYYY-MM-DD    sent on that day or later
//   folder:PATH   only that folder ("Work/Inbox", "Local/Projects", "Trash");
//                 without it every folder but Trash is searched
//
// A word with a colon that is not one of these (e.g. "re:" or a URL) is
// searched as text.
//
// Typed into the window's quick search (Words::Prefixes), every word is
// also the beginning of longer ones, so the list narrows as the user types:
// `riv` finds "river", `from:ann` finds "Annette", `-spam` leaves out
// "spammer" too. A quoted phrase stays exact; only while its closing quote
// is missing is its last word a beginning as well.
struct SearchQuery {
    enum class Words {
        Whole,     // a word finds that word; `word*` asks for words starting with it
        Prefixes,  // every word (in a field or negated, too) finds the words starting with it
    };

    // FTS5 expressions (every phrase quoted, nothing of the user's passed raw).
    QStringList include;  // each must match
    QStringList exclude;  // none may match
    std::optional<bool> hasAttachment;
    std::optional<bool> unread;
    std::optional<bool> flagged;
    QDateTime before;  // exclusive, UTC; invalid: no bound
    QDateTime after;   // inclusive, UTC; invalid: no bound
    QString folderPath;

    [[nodiscard]] bool isEmpty() const
    {
        return include.isEmpty() && exclude.isEmpty() && !hasAttachment && !unread && !flagged && !before.isValid()
            && !after.isValid() && folderPath.isEmpty();
    }

    // SearchSyntax (the offending term as detail) for a filter with a
    // value it does not know, a date it cannot read, or a negated date or
    // folder.
    [[nodiscard]] static Poplar::Result<SearchQuery> parse(const QString &text, Words words = Words::Whole);
};

}  // namespace Store
