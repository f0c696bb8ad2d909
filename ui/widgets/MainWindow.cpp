#include "widgets/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QKeySequence>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTextBrowser>
#include <QTreeView>
#include <QTreeWidget>

namespace Poplar::Ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Poplar"));
    setObjectName(QStringLiteral("MainWindow"));

    m_folders = new QTreeWidget(this);
    m_folders->setObjectName(QStringLiteral("folderTree"));
    m_folders->setHeaderHidden(true);
    m_folders->setAccessibleName(tr("Folders"));
    auto *unified = new QTreeWidgetItem(m_folders, QStringList(tr("All Inboxes")));
    new QTreeWidgetItem(m_folders, QStringList(tr("Trash")));
    m_folders->setCurrentItem(unified);

    auto *model = new QStandardItemModel(0, 4, this);
    model->setHorizontalHeaderLabels({ tr("Date"), tr("From"), tr("Subject"), tr("Size") });
    m_messages = new QTreeView(this);
    m_messages->setObjectName(QStringLiteral("messageList"));
    m_messages->setModel(model);
    m_messages->setRootIsDecorated(false);
    m_messages->setAccessibleName(tr("Messages"));
    m_messages->header()->setStretchLastSection(false);

    m_reader = new QTextBrowser(this);
    m_reader->setObjectName(QStringLiteral("readingPane"));
    m_reader->setOpenLinks(false);
    m_reader->setAccessibleName(tr("Message"));
    m_reader->setPlaceholderText(tr("No message selected."));

    auto *right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_messages);
    right->addWidget(m_reader);
    right->setStretchFactor(1, 2);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_folders);
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(1, 3);
    setCentralWidget(m_splitter);

    createActions();
    statusBar()->showMessage(tr("No accounts yet."));
    resize(1100, 700);
    restoreWindowState();
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Poplar"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Poplar"),
        tr("<p><b>Poplar %1</b></p><p>A mail client that brings your POP3 mail home safely and lets "
           "you read it offline.</p>")
            .arg(QApplication::applicationVersion().toHtmlEscaped()));
}

void MainWindow::restoreWindowState()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("mainWindow/splitter")).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/splitter"), m_splitter->saveState());
    event->accept();
}

}  // namespace Poplar::Ui
