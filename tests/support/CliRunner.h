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

inline CliRun runCli(const QStringList &args, const QByteArray &input = {}, const QProcessEnvironment &env = {},
    int timeoutMs = 120'000)
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

// Like runCli, with this thread's event loop running meanwhile: for a
// scripted server in the test process that the command talks to.
inline CliRun runCliWithEventLoop(
    const QStringList &args, const QByteArray &input = {}, const QProcessEnvironment &env = {}, int timeoutMs = 120'000)
{
    QProcess p;
    if (!env.isEmpty())
        p.setProcessEnvironment(env);
    QEventLoop loop;
    QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&p, &QProcess::errorOccurred, &loop, [&loop](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);  // a bound, not a wait
    p.start(QStringLiteral(POPLAR_CLI_PATH), args);
    p.write(input);
    p.closeWriteChannel();
    CliRun r;
    if (p.state() != QProcess::NotRunning)
        loop.exec();
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit && p.error() != QProcess::FailedToStart ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

}  // namespace PoplarTest
