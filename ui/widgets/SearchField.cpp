#include "widgets/SearchField.h"

#include <QKeyEvent>
#include <QTimer>

namespace Poplar::Ui {

SearchField::SearchField(QWidget *parent)
    : QLineEdit(parent)
    , m_delay(new QTimer(this))
{
    setObjectName(QStringLiteral("searchField"));
    setAccessibleName(tr("Search"));
    setPlaceholderText(tr("Search (from:, subject:, has:attachment, is:unread …)"));
    setClearButtonEnabled(true);
    setMinimumWidth(280);
    setToolTip(tr("Finds the words that begin with what you type; Escape shows the whole folder again"));
    m_delay->setSingleShot(true);
    m_delay->setInterval(250);
    connect(m_delay, &QTimer::timeout, this, &SearchField::searchRequested);
    connect(this, &QLineEdit::textEdited, m_delay, qOverload<>(&QTimer::start));
    connect(this, &QLineEdit::returnPressed, this, [this] {
        m_delay->stop();
        Q_EMIT searchRequested();
    });
    connect(this, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (!text.isEmpty())
            return;
        m_delay->stop();
        Q_EMIT searchRequested();  // the clear button
    });
}

void SearchField::cancelPending()
{
    m_delay->stop();
}

void SearchField::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && event->modifiers() == Qt::NoModifier) {
        // Clears the search (the whole folder again); then back to the list.
        if (!text().isEmpty())
            clear();
        else
            Q_EMIT leaveRequested();
        return;
    }
    QLineEdit::keyPressEvent(event);
}

}  // namespace Poplar::Ui
