#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;

namespace Poplar::Ui {

class MessageOperations;

// The status bar's word on a long store operation: what it does and how
// far it got ("Moving messages: 3,000 of 10,000"), with a bar. It shows
// while an operation reports steps, and goes when that one is done.
class OperationProgress : public QWidget
{
    Q_OBJECT
public:
    explicit OperationProgress(MessageOperations *operations, QWidget *parent = nullptr);

    [[nodiscard]] QString text() const;
    // The bar's value and maximum: messages done, of how many.
    [[nodiscard]] int done() const;
    [[nodiscard]] int total() const;

private:
    void ended(quint64 operation);

    QLabel *m_label = nullptr;
    QProgressBar *m_bar = nullptr;
    quint64 m_shown = 0;  // the operation shown
};

}  // namespace Poplar::Ui
