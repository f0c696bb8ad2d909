#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>

namespace Poplar::Demo {

// The mailbox `poplar --demo` serves: a few dozen messages written for
// Poplar that show what it does — plain and HTML mail, a thread with
// quotes, a mailing list, German text, an inline image, attachments (one a
// program, to show the warning), a newsletter with remote images (blocked),
// a link that hides where it leads, and one large message the demo account
// stores only in part. Dated over the last weeks before `now`.
[[nodiscard]] QList<QByteArray> demoMessages(const QDateTime &now);

}  // namespace Poplar::Demo
