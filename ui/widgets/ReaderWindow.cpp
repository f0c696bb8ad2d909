#include "widgets/ReaderWindow.h"

#include "mime/MessageParser.h"

#include <QAction>
#include <QKeySequence>
#include <QStatusBar>

namespace Poplar::Ui {

ReaderWindow::ReaderWindow(const QByteArray &raw, const MessageView &from, QWidget *parent)
    : QMainWindow(parent, Qt::Window)
{
    setObjectName(QStringLiteral("readerWindow"));
    setAttribute(Qt::WA_DeleteOnClose);

    m_view = new MessageView(this);
    m_view->setUrlOpener(from.urlOpener());
    m_view->setOpenConfirmation(from.openConfirmation());
    setCentralWidget(m_view);
    connect(m_view, &MessageView::linkHovered, this, [this](const QString &target) {
        if (target.isEmpty())
            statusBar()->clearMessage();
        else
            statusBar()->showMessage(target);
    });

    // What the store would know of a message, taken from the message itself.
    const Mime::ParsedMessage headers = Mime::parseMessage(raw, Mime::ParseDepth::HeadersOnly);
    Store::MessageSummary summary;
    summary.subject = headers.subject;
    if (!headers.from.isEmpty()) {
        summary.fromName = headers.from.first().name;
        summary.fromAddress = headers.from.first().address;
    }
    summary.date = headers.date;
    summary.size = raw.size();
    m_view->showMessage(summary, raw);
    setWindowTitle(headers.subject.isEmpty() ? tr("Attached Message") : headers.subject);

    auto *close = new QAction(tr("&Close"), this);
    close->setShortcuts({ QKeySequence(Qt::Key_Escape), QKeySequence(QKeySequence::Close) });
    close->setShortcutContext(Qt::WindowShortcut);
    connect(close, &QAction::triggered, this, &QWidget::close);
    addAction(close);

    statusBar();
    resize(820, 680);
}

}  // namespace Poplar::Ui
