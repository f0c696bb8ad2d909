#pragma once

#include "common/Error.h"
#include "net/TlsTypes.h"
#include "sync/ConnectionTest.h"

#include <QPointer>
#include <QWizardPage>

class QLabel;
class QProgressBar;
class QPushButton;

namespace Poplar::Ui {

// Logs in with the settings and the password and reads the mailbox's size
// (STAT), changing nothing. A certificate the system does not trust is
// put to the user: Accept Once continues, Trust Always also pins it for
// the account, Reject stops. A failure is said in words, with the server's
// own text apart, and with what the user can do: Test Again, Back to the
// settings, or, when the password was rejected, Change Password, which
// leads straight to the password field.
class ConnectionTestPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit ConnectionTestPage(QWidget *parent = nullptr);
    ~ConnectionTestPage() override;

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    bool validatePage() override;
    int nextId() const override;

    [[nodiscard]] bool succeeded() const { return m_succeeded; }
    [[nodiscard]] bool isRunning() const { return m_test != nullptr; }
    [[nodiscard]] const Poplar::Error &lastError() const { return m_error; }
    // STAT's answer after a success.
    [[nodiscard]] quint32 messageCount() const { return m_count; }
    [[nodiscard]] quint64 mailboxSize() const { return m_size; }

    // Starts (again) from the beginning.
    void runTest();

    // What a failed test says: what went wrong (never a promise to retry
    // by itself: the wizard does not), and what the user can do about it.
    [[nodiscard]] static QString failureText(const Poplar::Error &error);
    [[nodiscard]] static QString nextStepText(const Poplar::Error &error);

Q_SIGNALS:
    void testFinished(bool success);

private:
    void askCertificate(const Net::CertificateProblem &problem);
    void fail(const Poplar::Error &error);
    void succeed();
    void release();
    void setStatus(const QString &text);

    QPointer<Sync::ConnectionTest> m_test;
    Poplar::Error m_error;
    bool m_succeeded = false;
    quint32 m_count = 0;
    quint64 m_size = 0;
    QLabel *m_status = nullptr;
    QLabel *m_result = nullptr;
    QLabel *m_details = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_again = nullptr;
    QPushButton *m_changePassword = nullptr;
};

}  // namespace Poplar::Ui
