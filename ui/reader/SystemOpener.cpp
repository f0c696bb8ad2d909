#include "reader/SystemOpener.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QPointer>
#include <QProcess>
#include <QStandardPaths>

namespace Poplar::Ui {

SystemOpener::SystemOpener(QObject *parent)
    : QObject(parent)
{ }

bool SystemOpener::open(const QUrl &url)
{
    const QString xdgOpen = QStandardPaths::findExecutable(QStringLiteral("xdg-open"));
    if (xdgOpen.isEmpty())
        return QDesktopServices::openUrl(url);
    auto *process = new QProcess(QCoreApplication::instance());
    process->setProgram(xdgOpen);
    process->setArguments({ url.isLocalFile() ? url.toLocalFile() : url.toString(QUrl::FullyEncoded) });
    process->setStandardOutputFile(QProcess::nullDevice());
    process->setStandardErrorFile(QProcess::nullDevice());
    QPointer<SystemOpener> self(this);
    connect(process, &QProcess::finished, process, [self, process, url](int code, QProcess::ExitStatus status) {
        process->deleteLater();
        if (self)
            Q_EMIT self->finished(url, status == QProcess::NormalExit && code == 0);
    });
    connect(process, &QProcess::errorOccurred, process, [self, process, url](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        process->deleteLater();
        if (self)
            Q_EMIT self->finished(url, false);
    });
    process->start();
    return true;
}

}  // namespace Poplar::Ui
