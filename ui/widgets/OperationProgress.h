#pragma once

#include "models/MessageOperations.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace Poplar::Ui {

// The status bar's word on a long store operation: what it does and how
// far it got ("Moving messages: 3,000 of 10,000"), with a bar and a Stop
// button. It shows while an operation reports steps, and goes when that
// one is done. Stop ends the operation between two steps: what is done
// stays done, and it says how far it got ("Moved 3,000 of 10,000
// messages; stopped.").
class OperationProgress : public QWidget
{
    Q_OBJECT
public:
    explicit OperationProgress(MessageOperations *operations, QWidget *parent = nullptr);

    [[nodiscard]] QString text() const;
    // The bar's value and maximum: messages done, of how many.
    [[nodiscard]] int done() const;
    [[nodiscard]] int total() const;
    [[nodiscard]] QToolButton *stopButton() const { return m_stop; }

    // What a stopped operation did, in words.
    [[nodiscard]] static QString stoppedText(MessageOperations::Kind kind, int done, int total);

Q_SIGNALS:
    // An operation shown here was stopped; `text` says how far it got.
    void stopped(const QString &text);

private:
    void ended(quint64 operation);

    MessageOperations *m_operations = nullptr;
    QLabel *m_label = nullptr;
    QProgressBar *m_bar = nullptr;
    QToolButton *m_stop = nullptr;
    quint64 m_shown = 0;  // the operation shown
};

}  // namespace Poplar::Ui
