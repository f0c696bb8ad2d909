#pragma once

#include "net/TlsTypes.h"

#include <QDialog>

class QCheckBox;
class QPushButton;

namespace Poplar::Ui {

// Asks what to do about a server certificate the system does not trust:
// who it names, who issued it, when it is valid, its SHA-256 fingerprint
// (selectable, to compare with what the provider publishes), the chain and
// what is wrong with it. Reject is the default. A certificate that differs
// from the one trusted before (Kind::Changed) gets a stronger warning, the
// old fingerprint beside the new one, and "Trust Always" only after the
// user ticks a box saying they checked it.
class CertificateDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CertificateDialog(const Net::CertificateProblem &problem, QWidget *parent = nullptr);
    ~CertificateDialog() override;

    // Reject unless the user chose otherwise.
    [[nodiscard]] Net::CertificateDecision decision() const { return m_decision; }
    [[nodiscard]] bool isChangedWarning() const { return m_changed; }

    // Shows the dialog and waits for the answer.
    [[nodiscard]] static Net::CertificateDecision ask(
        const Net::CertificateProblem &problem, QWidget *parent = nullptr);

private:
    void choose(Net::CertificateDecision decision);

    Net::CertificateDecision m_decision = Net::CertificateDecision::Reject;
    bool m_changed = false;
    QPushButton *m_reject = nullptr;
    QPushButton *m_acceptOnce = nullptr;
    QPushButton *m_trustAlways = nullptr;
    QCheckBox *m_confirmChange = nullptr;
};

}  // namespace Poplar::Ui
