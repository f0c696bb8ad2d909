#include "widgets/WindowLayout.h"

#include "store/Store.h"

#include <QHeaderView>
#include <QMainWindow>
#include <QSettings>
#include <QSplitter>

namespace Poplar::Ui {

namespace {

const QString kGeometry = QStringLiteral("mainWindow/geometry");
const QString kState = QStringLiteral("mainWindow/state");
const QString kSplitter = QStringLiteral("mainWindow/splitter");
const QString kRightSplitter = QStringLiteral("mainWindow/readingSplitter");
const QString kColumns = QStringLiteral("mainWindow/messageColumns");
const QString kFolder = QStringLiteral("mainWindow/folder");

}  // namespace

void WindowLayout::save(const Parts &parts, qint64 folderId)
{
    QSettings settings;
    settings.setValue(kGeometry, parts.window->saveGeometry());
    settings.setValue(kState, parts.window->saveState());
    settings.setValue(kSplitter, parts.splitter->saveState());
    settings.setValue(kRightSplitter, parts.readingSplitter->saveState());
    settings.setValue(kColumns, parts.columns->saveState());
    settings.setValue(kFolder, folderId);
}

qint64 WindowLayout::restore(const Parts &parts)
{
    QSettings settings;
    parts.window->restoreGeometry(settings.value(kGeometry).toByteArray());
    parts.window->restoreState(settings.value(kState).toByteArray());
    parts.splitter->restoreState(settings.value(kSplitter).toByteArray());
    parts.readingSplitter->restoreState(settings.value(kRightSplitter).toByteArray());
    parts.columns->restoreState(settings.value(kColumns).toByteArray());
    return settings.value(kFolder, Store::MailStore::UnifiedInbox).toLongLong();
}

}  // namespace Poplar::Ui
