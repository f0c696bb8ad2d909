#pragma once

#include "store/StoreTypes.h"

#include <QObject>

class QTimer;

namespace Poplar::Ui {

class MessageListModel;
class MessageView;

// Marks the message the reading pane shows as read: at once (the default),
// once it has been shown for a while, or never (only by hand). A message
// left before its time is up stays unread.
class ReadMarker : public QObject
{
    Q_OBJECT
public:
    ReadMarker(MessageListModel *model, MessageView *view, QObject *parent = nullptr);

    // 0: at once; > 0: after this many milliseconds; < 0: never.
    void setDelay(int msecs);
    [[nodiscard]] int delay() const { return m_delayMs; }

    // The reading pane now shows `message`.
    void shown(const Store::MessageSummary &message);
    // Whether a message waits for its time to be marked read.
    [[nodiscard]] bool isWaiting() const;

Q_SIGNALS:
    // A message was marked read (its row shows it; the store follows).
    void marked(qint64 messageId);

private:
    void mark(qint64 messageId);

    MessageListModel *m_model = nullptr;
    MessageView *m_view = nullptr;
    QTimer *m_timer = nullptr;
    qint64 m_waiting = 0;
    int m_delayMs = 0;
};

}  // namespace Poplar::Ui
