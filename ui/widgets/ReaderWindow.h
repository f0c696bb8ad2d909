#pragma once

#include "widgets/MessageView.h"

#include <QByteArray>
#include <QMainWindow>

namespace Poplar::Ui {

// A message attached to another one (message/rfc822), shown in a window of
// its own: its headers, text, images and attachments, and attached
// messages again open in further windows. Read-only: nothing of it is
// stored, flagged or sent anywhere. Escape or Ctrl+W closes it.
class ReaderWindow : public QMainWindow
{
    Q_OBJECT
public:
    // `raw` is the attached message; `from` the view it was opened from,
    // whose ways of opening links and attachments it keeps.
    ReaderWindow(const QByteArray &raw, const MessageView &from, QWidget *parent = nullptr);

    [[nodiscard]] MessageView *messageView() const { return m_view; }

private:
    MessageView *m_view = nullptr;
};

}  // namespace Poplar::Ui
