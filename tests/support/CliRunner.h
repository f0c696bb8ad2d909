#pragma once

// Test support: runs the poplar-cli under test (POPLAR_CLI_PATH, defined
// for each test that uses it) and collects what it said.

#include <QByteArray>
#include <QEventLoop>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTimer>

namespace PoplarTest {

struct CliRun {
    int code = -1;  // -1: it crashed or did not end in time (then killed)
    QByteArray out;
    QByteArray err;
};

inline CliRun runCli(
    const QStringList &args, const QByteArray &input = {}, const QProcessEnvironment &env = {}, int timeoutMs = 120'000)
{
    QProcess p;
    if (!env.isEmpty())
        p.setProcessEnvironment(env);
    p.start(QStringLiteral(POPLAR_CLI_PATH), args);
    p.write(input);
    p.closeWriteChannel();
    CliRun r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// The same, running this process's event loop meanwhile (for a server the
// test itself plays).
inline CliRun runCliServing(const QStringList &args, const QByteArray &input = {}, int timeoutMs = 120'000)
{
    QProcess p;
    QEventLoop loop;
    QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&p, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    p.start(QStringLiteral(POPLAR_CLI_PATH), args);
    p.write(input);
    p.closeWriteChannel();
    loop.exec();
    CliRun r;
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

}  // namespace PoplarTest
