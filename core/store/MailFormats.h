#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QIODevice>
#include <QString>

#include <functional>

// Reading and writing the common mail container formats: mbox (mboxo and
// mboxrd), Maildir and single .eml files. Streams: one message in memory at
// a time.
namespace Store::MailFormats {

enum class MboxFlavor {
    Mboxrd,  // ">From " lines: any run of '>' before "From " loses one '>' (default)
    Mboxo,   // only ">From " loses its '>'
};

// Calls `sink` with each message of an mbox stream, the "From " separator
// line removed and the quoting undone. Line endings are kept as in the file;
// the line break before the next separator belongs to the separator.
[[nodiscard]] Poplar::Status readMbox(QIODevice &in, MboxFlavor flavor,
    const std::function<Poplar::Status(QByteArray message, const QByteArray &separator)> &sink);

// Writes one message in mbox form: a "From " line (sender and date taken
// from `separator` if given, else "MAILER-DAEMON" and the current time),
// the body with "From " lines quoted per `flavor`, and a blank line.
[[nodiscard]] Poplar::Status writeMboxMessage(
    QIODevice &out, const QByteArray &message, MboxFlavor flavor, const QByteArray &separator = {});

// A Maildir file's flags from its ":2,…" suffix, as Store::Flag bits.
[[nodiscard]] int maildirFlags(const QString &fileName);
// The ":2,…" suffix for Store::Flag bits.
[[nodiscard]] QString maildirSuffix(int flags);
// A unique Maildir file name (without the suffix).
[[nodiscard]] QString maildirUniqueName();

// True if the directory looks like a Maildir (has cur/ and new/).
[[nodiscard]] bool isMaildir(const QString &dir);
// The delivery time on an mbox "From " line ("From sender Www Mmm d hh:mm:ss
// yyyy", taken as UTC); invalid when the line has none that can be read.
[[nodiscard]] QDateTime mboxSeparatorDate(const QByteArray &separator);

// True if the file starts like an mbox ("From " on the first line).
[[nodiscard]] bool looksLikeMbox(const QString &file);

}  // namespace Store::MailFormats
