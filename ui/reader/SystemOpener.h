#pragma once

#include <QObject>
#include <QUrl>

namespace Poplar::Ui {

// Hands a link or a file to the desktop: xdg-open where there is one (not
// waited for: its exit status, reported by finished(), tells whether a
// program took it), else QDesktopServices. The xdg-open process does not
// belong to the opener, so closing the reader never stops a program on its way.
class SystemOpener : public QObject
{
    Q_OBJECT
public:
    explicit SystemOpener(QObject *parent = nullptr);

    // False at once when nothing can open `url`.
    bool open(const QUrl &url);

Q_SIGNALS:
    // What xdg-open said of `url`.
    void finished(const QUrl &url, bool opened);
};

}  // namespace Poplar::Ui
