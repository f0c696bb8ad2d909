#pragma once

#include <QLineEdit>

class QTimer;

namespace Poplar::Ui {

// The toolbar's quick search: asks for the search as the user types
// (after a short pause), on Return, and when cleared. Escape clears it;
// Escape on an empty field hands the keys back to the list.
class SearchField : public QLineEdit
{
    Q_OBJECT
public:
    explicit SearchField(QWidget *parent = nullptr);

    // Forgets a search asked for by typing and not yet sent.
    void cancelPending();

Q_SIGNALS:
    // Search for text() now.
    void searchRequested();
    // Escape on an empty field.
    void leaveRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    QTimer *m_delay = nullptr;
};

}  // namespace Poplar::Ui
