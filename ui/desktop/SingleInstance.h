#pragma once

#include <QObject>
#include <QString>

class QLocalServer;

namespace Poplar::Ui {

// One Poplar per profile and user: the first instance listens on a local
// socket named after the profile; a second launch finds it, asks it to
// show its window and exits. A socket left behind by a crashed instance is
// taken over. The socket lives in a directory only this user can enter:
// "poplar" in $XDG_RUNTIME_DIR, else in $XDG_CACHE_HOME (~/.cache), made
// 0700 and checked to be this user's own directory, never a name another
// user could have made first in /tmp.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    explicit SingleInstance(const QString &profileDirectory, QObject *parent = nullptr);
    ~SingleInstance() override;

    // True when another instance of this profile answered (it was asked to
    // show itself): this one should exit. False: this is the first; it now
    // listens.
    [[nodiscard]] bool activateRunningInstance(int timeoutMs = 2000);
    [[nodiscard]] bool isListening() const;
    [[nodiscard]] const QString &serverName() const { return m_name; }

    // The socket's full path; empty when no private directory could be made
    // (then there is no single instance: each launch opens a window).
    [[nodiscard]] static QString serverNameFor(const QString &profileDirectory);
    // The private directory the sockets live in, made if needed; empty when
    // it cannot be made or is not this user's own.
    [[nodiscard]] static QString socketDirectory();

Q_SIGNALS:
    // A second launch asked this instance to show itself.
    void activationRequested();

private:
    bool listen();

    QString m_name;
    QLocalServer *m_server = nullptr;
};

}  // namespace Poplar::Ui
