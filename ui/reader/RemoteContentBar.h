#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace Poplar::Ui {

// The bar over a message whose remote images were not loaded: how many,
// and the buttons "Load for this message" and "Always for this sender"
// (the latter only when the sender has an address).
class RemoteContentBar : public QFrame
{
    Q_OBJECT
public:
    explicit RemoteContentBar(QWidget *parent = nullptr);

    // Shown when `blocked` images were refused; `sender` is the address
    // "Always" would trust. Hidden when nothing was blocked.
    void showBlocked(qsizetype blocked, const QString &sender);

Q_SIGNALS:
    void loadRequested();
    void alwaysForSenderRequested();

private:
    QLabel *m_text = nullptr;
    QPushButton *m_always = nullptr;
};

}  // namespace Poplar::Ui
