#pragma once

// Test support: a private X server (Xvfb) on a free display for tests that
// need a real display (screenshots). Start it before QApplication exists;
// it stops when the object goes.

#include <QByteArray>
#include <QProcess>
#include <QString>

#include <memory>

namespace PoplarTest {

class XvfbDisplay
{
public:
    XvfbDisplay() = default;
    ~XvfbDisplay()
    {
        if (m_process) {
            m_process->terminate();
            if (!m_process->waitForFinished(5000))
                m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    XvfbDisplay(const XvfbDisplay &) = delete;
    XvfbDisplay &operator=(const XvfbDisplay &) = delete;

    // Starts Xvfb (it picks a free display and tells its number) and points
    // DISPLAY and QT_QPA_PLATFORM at it. False, with the reason, if it could not.
    bool start(QString *error, const QString &screen = QStringLiteral("1280x900x24"))
    {
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        m_process->start(QStringLiteral("Xvfb"),
            { QStringLiteral("-displayfd"), QStringLiteral("1"), QStringLiteral("-screen"), QStringLiteral("0"), screen,
                QStringLiteral("-nolisten"), QStringLiteral("tcp"), QStringLiteral("-noreset") });
        if (!m_process->waitForStarted(10000)) {
            *error = QStringLiteral("cannot start Xvfb (package xvfb): ") + m_process->errorString();
            return false;
        }
        QByteArray number;
        while (!number.contains('\n') && m_process->waitForReadyRead(10000))
            number += m_process->readAllStandardOutput();
        number = number.trimmed();
        if (number.isEmpty()) {
            *error = QStringLiteral("Xvfb did not report its display: ")
                + QString::fromLocal8Bit(m_process->readAllStandardError());
            return false;
        }
        m_display = QStringLiteral(":") + QString::fromLatin1(number);
        qputenv("DISPLAY", m_display.toLatin1());
        qputenv("QT_QPA_PLATFORM", "xcb");
        return true;
    }

    [[nodiscard]] const QString &display() const { return m_display; }

private:
    std::unique_ptr<QProcess> m_process;
    QString m_display;
};

}  // namespace PoplarTest
