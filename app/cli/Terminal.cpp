#include "Terminal.h"

#include <QCoreApplication>

#include <cstdio>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace Poplar::Cli {

bool stdinIsTerminal()
{
    return ::isatty(STDIN_FILENO) == 1;
}

bool stderrIsTerminal()
{
    return ::isatty(STDERR_FILENO) == 1;
}

static std::optional<Poplar::Secret> readLineFromFd(int fd)
{
    constexpr qsizetype MaxLine = 64 * 1024;
    // Room for the longest line read: growing would leave copies behind.
    Poplar::Secret line = Poplar::Secret::withCapacity(MaxLine + 1);
    bool any = false;
    for (;;) {
        char c = 0;
        const ssize_t n = ::read(fd, &c, 1);
        if (n <= 0)
            break;
        any = true;
        if (c == '\n')
            break;
        line.append(c);
        if (line.size() > MaxLine)
            break;
    }
    if (!any)
        return std::nullopt;
    if (line.view().endsWith('\r')) {
        Poplar::Secret trimmed = Poplar::Secret::withCapacity(line.size() - 1);
        trimmed.append(line.view().chopped(1));
        return trimmed;
    }
    return line;
}

std::optional<Poplar::Secret> readSecretLineFromStdin()
{
    return readLineFromFd(STDIN_FILENO);
}

namespace {
class TerminalText
{
    Q_DECLARE_TR_FUNCTIONS(TerminalText)
};
}  // namespace

std::optional<Poplar::Secret> readPasswordFromStdin()
{
    std::optional<Poplar::Secret> line = readSecretLineFromStdin();
    if (line && line->isEmpty())
        return std::nullopt;
    return line;
}

QString noPasswordOnStdinMessage()
{
    return TerminalText::tr("--password-stdin: standard input was empty, so no password was sent. Give the password "
                            "on the first line of standard input.");
}

std::optional<Poplar::Secret> promptSecret(const QString &prompt)
{
    const int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    const QByteArray p = prompt.toLocal8Bit();
    (void)!::write(fd, p.constData(), static_cast<size_t>(p.size()));
    termios old {};
    const bool haveTermios = ::tcgetattr(fd, &old) == 0;
    if (haveTermios) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        quiet.c_lflag |= ECHONL;
        ::tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    std::optional<Poplar::Secret> line = readLineFromFd(fd);
    if (haveTermios)
        ::tcsetattr(fd, TCSAFLUSH, &old);
    ::close(fd);
    return line;
}

}  // namespace Poplar::Cli
