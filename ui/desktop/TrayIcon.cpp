#include "desktop/TrayIcon.h"

#include "fetch/MailFetcher.h"
#include "models/FolderModel.h"
#include "store/Store.h"
#include "text/ErrorText.h"
#include "widgets/FetchStatus.h"
#include "widgets/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QFont>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QSystemTrayIcon>

namespace Poplar::Ui {

TrayIcon::TrayIcon(MainWindow *window, Store::MailStore *store, MailFetcher *fetcher, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_store(store)
    , m_fetcher(fetcher)
    , m_title(window->windowTitle())
{
    m_menu = new QMenu;
    QAction *show = m_menu->addAction(tr("&Show Poplar"));
    connect(show, &QAction::triggered, m_window, &MainWindow::showAndRaise);
    if (m_fetcher) {
        QAction *getMail = m_menu->addAction(tr("&Get Mail"));
        connect(getMail, &QAction::triggered, m_window, [this] {
            // Without an account the window says so, and must be seen to.
            if (m_fetcher->accounts().isEmpty())
                m_window->showAndRaise();
            m_window->getMail();
        });
        connect(m_fetcher, &MailFetcher::mailArrived, this, &TrayIcon::mailArrived);
        connect(m_fetcher, &MailFetcher::checkFinished, this, [this] { m_tray->setToolTip(toolTip()); });
    }
    m_menu->addSeparator();
    QAction *quit = m_menu->addAction(tr("&Quit"));
    connect(quit, &QAction::triggered, this, &TrayIcon::quitRequested);

    m_tray = new QSystemTrayIcon(this);
    m_tray->setContextMenu(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger)
            toggleWindow();
    });
    connect(m_tray, &QSystemTrayIcon::messageClicked, m_window, &MainWindow::showAndRaise);

    FolderModel *folders = m_window->folderModel();
    connect(folders, &QAbstractItemModel::dataChanged, this, &TrayIcon::updateUnread);
    connect(folders, &QAbstractItemModel::modelReset, this, &TrayIcon::updateUnread);
    updateUnread();
    if (isSupported())
        m_tray->show();
}

TrayIcon::~TrayIcon()
{
    delete m_menu;
}

bool TrayIcon::isSupported()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

QString TrayIcon::toolTip() const
{
    QString text = m_unread <= 0 ? tr("Poplar: no unread mail") : tr("Poplar: %n unread message(s)", nullptr, m_unread);
    if (!m_fetcher)
        return text;
    // What the last check found, and which accounts it could not check.
    const MailFetcher::CheckSummary &last = m_fetcher->lastCheck();
    const QString found = FetchStatus::summaryText(last, *m_fetcher);
    if (!found.isEmpty())
        text += QLatin1Char('\n') + found;
    for (qint64 id : last.failed) {
        const Poplar::Error error = m_fetcher->status(id).lastError;
        const std::optional<Accounts::Account> account = m_fetcher->account(id);
        if (error.code != ErrorCode::None && account)
            text += QLatin1Char('\n') + tr("%1: %2").arg(account->name, errorMessage(error));
    }
    return text;
}

void TrayIcon::updateUnread()
{
    const QModelIndex unified = m_window->folderModel()->indexOf(Store::MailStore::UnifiedInbox);
    const int unread = unified.data(FolderModel::UnreadRole).toInt();
    if (unread == m_unread)
        return;
    m_unread = unread;
    m_tray->setIcon(iconWithCount(unread));
    m_tray->setToolTip(toolTip());
    m_window->setWindowTitle(unread > 0 ? tr("%1 (%2)").arg(m_title).arg(unread) : m_title);
}

void TrayIcon::toggleWindow()
{
    if (m_window->isVisible() && !m_window->isMinimized()) {
        m_window->hide();
    } else {
        m_window->showAndRaise();
    }
}

QIcon TrayIcon::iconWithCount(int unread)
{
    QIcon icon;
    for (int size : { 16, 22, 24, 32, 48, 64 }) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        // An envelope under a poplar leaf.
        const qreal s = size;
        const QRectF envelope(0.06 * s, 0.30 * s, 0.88 * s, 0.58 * s);
        p.setPen(QPen(QColor(0x2f, 0x5d, 0x3a), s / 16));
        p.setBrush(QColor(0xf4, 0xf1, 0xe8));
        p.drawRoundedRect(envelope, s / 16, s / 16);
        QPainterPath flap;
        flap.moveTo(envelope.topLeft());
        flap.lineTo(envelope.center().x(), envelope.top() + envelope.height() * 0.55);
        flap.lineTo(envelope.topRight());
        p.setBrush(Qt::NoBrush);
        p.drawPath(flap);
        QPainterPath leaf;
        leaf.moveTo(0.5 * s, 0.04 * s);
        leaf.cubicTo(0.78 * s, 0.14 * s, 0.70 * s, 0.36 * s, 0.5 * s, 0.46 * s);
        leaf.cubicTo(0.30 * s, 0.36 * s, 0.22 * s, 0.14 * s, 0.5 * s, 0.04 * s);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0x3f, 0x8f, 0x4f));
        p.drawPath(leaf);
        if (unread > 0) {
            const QString text = unread > 99 ? QStringLiteral("99+") : QString::number(unread);
            QFont font = QApplication::font();
            font.setBold(true);
            font.setPixelSize(std::max(7, int(s * (text.size() > 2 ? 0.30 : 0.40))));
            p.setFont(font);
            const qreal w = std::max(s * 0.5, QFontMetricsF(font).horizontalAdvance(text) + s * 0.16);
            const QRectF badge(s - w, s * 0.5, w, s * 0.5);
            p.setBrush(QColor(0xc6, 0x28, 0x28));
            p.drawRoundedRect(badge, s * 0.25, s * 0.25);
            p.setPen(Qt::white);
            p.drawText(badge, Qt::AlignCenter, text);
        }
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

TrayIcon::Notification TrayIcon::newMailNotification(
    const QString &accountName, int count, const QList<Store::MessageSummary> &newest)
{
    auto sender = [](const Store::MessageSummary &m) {
        if (!m.fromName.isEmpty())
            return m.fromName;
        return m.fromAddress.isEmpty() ? tr("(unknown sender)") : m.fromAddress;
    };
    auto subject = [](const Store::MessageSummary &m) { return m.subject.isEmpty() ? tr("(no subject)") : m.subject; };
    Notification n;
    if (count == 1 && !newest.isEmpty()) {
        n.title = tr("New mail from %1").arg(sender(newest.first()));
        n.body = subject(newest.first());
        return n;
    }
    n.title = tr("%n new message(s) for %1", nullptr, count).arg(accountName);
    constexpr int Shown = 3;
    QStringList lines;
    for (int i = 0; i < newest.size() && i < Shown; ++i)
        lines << tr("%1: %2").arg(sender(newest.at(i)), subject(newest.at(i)));
    if (count > lines.size() && !lines.isEmpty())
        lines << tr("and %n more", nullptr, count - int(lines.size()));
    n.body = lines.join(QLatin1Char('\n'));
    return n;
}

void TrayIcon::mailArrived(qint64 accountId, int count)
{
    const std::optional<Accounts::Account> account = m_fetcher->account(accountId);
    const QString name = account ? account->name : QString();
    auto newest = m_store->latestArrivals(accountId, std::min(count, 3));
    notify(newMailNotification(name, count, newest ? *newest : QList<Store::MessageSummary>()));
}

namespace {

// Notification servers may read markup in a notification's text (links,
// images): the subject and sender come from the mail, so no tag of theirs
// may reach one.
QString withoutMarkup(QString text)
{
    text.replace(QLatin1Char('<'), QChar(0x2039));  // ‹
    text.replace(QLatin1Char('>'), QChar(0x203A));  // ›
    return text;
}

}  // namespace

void TrayIcon::notify(const Notification &notification)
{
    if (!m_notificationsEnabled)
        return;
    m_last = { withoutMarkup(notification.title), withoutMarkup(notification.body) };
    if (isSupported() && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(m_last.title, m_last.body, iconWithCount(m_unread));
}

}  // namespace Poplar::Ui
