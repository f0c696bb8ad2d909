#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace Poplar::Ui {

// Shown over an empty message list while no account is set up: says so,
// says where accounts are added (File > Add Account), and offers a button
// that opens the setup assistant.
class NoAccountHint : public QWidget
{
    Q_OBJECT
public:
    explicit NoAccountHint(QWidget *parent = nullptr);

    [[nodiscard]] QString text() const;
    [[nodiscard]] QPushButton *addAccountButton() const { return m_button; }

Q_SIGNALS:
    void addAccountRequested();

private:
    QLabel *m_text = nullptr;
    QPushButton *m_button = nullptr;
};

}  // namespace Poplar::Ui
