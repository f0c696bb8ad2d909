#pragma once

#include <QMessageBox>
#include <QString>

class QWidget;

namespace Poplar::Ui {

// Text that may hold a server's words (its replies, greeting, capability
// names, a certificate's fields, a message's subject) is shown as it is,
// never as markup: QLabel, QMessageBox and tooltips guess by default and
// take "<a href=…>" for rich text, so a server could put a link or any
// formatting into a Poplar dialog. Labels get Qt::PlainText; for what has
// no text format, these helpers do it.

// A tooltip that shows `text` literally. Tooltips have no text format:
// text that Qt would take for markup is escaped into rich text that
// shows exactly these characters.
[[nodiscard]] QString plainToolTip(const QString &text);

// A message box that shows `text` and, below it, `details` literally
// (a QMessageBox's informative text cannot be made plain, so both go into
// its plain text). Not shown yet; the caller opens or execs it.
[[nodiscard]] QMessageBox *plainMessageBox(QMessageBox::Icon icon, const QString &title, const QString &text,
    const QString &details, QMessageBox::StandardButtons buttons, QWidget *parent);

}  // namespace Poplar::Ui
