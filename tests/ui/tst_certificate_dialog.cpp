// The certificate question: what it shows, which button gives which
// decision, and the stronger form for a certificate that differs from the
// one trusted before. Every field a certificate's maker chose shows
// literally, never as markup; no label shows a stray "&".

#include "WidgetChecks.h"
#include "text/Translations.h"
#include "widgets/CertificateDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QTest>
#include <QTimer>
#include <QTranslator>
#include <QTreeWidget>

using Net::CertificateDecision;
using Net::CertificateProblem;
using Poplar::Ui::CertificateDialog;

namespace {

// Text that would be a link and bold text if taken for markup.
const char HostileText[] = R"(<a href="http://x.invalid/">click</a><b>bold</b>)";

QByteArray digest(char fill)
{
    return QByteArray(32, fill);
}

CertificateProblem problem(CertificateProblem::Kind kind = CertificateProblem::Kind::Untrusted)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    Net::CertificateInfo peer;
    peer.subject = QStringLiteral("pop.example.test");
    peer.issuer = QStringLiteral("Example Test CA");
    peer.notBefore = now.addDays(-400);
    peer.notAfter = now.addDays(-2);  // expired
    peer.subjectAlternativeNames = { QStringLiteral("pop.example.test"), QStringLiteral("mail.example.test") };
    peer.sha256 = digest('\xab');
    Net::CertificateInfo ca;
    ca.subject = QStringLiteral("Example Test CA");
    ca.issuer = QStringLiteral("Example Test CA");
    ca.notBefore = now.addDays(-1000);
    ca.notAfter = now.addDays(1000);
    ca.selfSigned = true;
    ca.sha256 = digest('\x01');

    CertificateProblem p;
    p.kind = kind;
    p.chain = { peer, ca };
    p.errors = { QStringLiteral("The certificate has expired"),
        QStringLiteral("The issuer certificate of a locally looked up certificate could not be found") };
    p.sha256 = peer.sha256;
    p.host = QStringLiteral("pop.example.test");
    p.port = 995;
    if (kind == CertificateProblem::Kind::Changed)
        p.pinnedSha256 = digest('\x5c');
    return p;
}

QString labelText(const QWidget &w, const char *name)
{
    const auto *l = w.findChild<QLabel *>(QString::fromLatin1(name));
    return l ? l->text() : QStringLiteral("<missing %1>").arg(QString::fromLatin1(name));
}

QPushButton *button(const QWidget &w, const char *name)
{
    return w.findChild<QPushButton *>(QString::fromLatin1(name));
}

}  // namespace

class TestCertificateDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheCertificate()
    {
        CertificateDialog dialog(problem());
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Untrusted Server Certificate"));
        QVERIFY(!dialog.isChangedWarning());
        QCOMPARE(labelText(dialog, "server"), QStringLiteral("pop.example.test:995"));
        QCOMPARE(labelText(dialog, "subject"), QStringLiteral("pop.example.test"));
        QCOMPARE(labelText(dialog, "issuer"), QStringLiteral("Example Test CA"));
        QVERIFY(labelText(dialog, "names").contains(QStringLiteral("mail.example.test")));
        QVERIFY(labelText(dialog, "validUntil").endsWith(QStringLiteral("(expired)")));
        QVERIFY(!labelText(dialog, "validFrom").contains(QStringLiteral("not yet valid")));
        // Grouped hex, two lines of 16 octets, selectable.
        const QString fp = labelText(dialog, "fingerprint");
        const QString half = QStringList(16, QStringLiteral("AB")).join(QLatin1Char(':'));
        QCOMPARE(fp, half + QLatin1Char('\n') + half);
        const auto *fpLabel = dialog.findChild<QLabel *>(QStringLiteral("fingerprint"));
        QVERIFY(fpLabel->textInteractionFlags() & Qt::TextSelectableByMouse);
        QVERIFY(fpLabel->textInteractionFlags() & Qt::TextSelectableByKeyboard);
        QVERIFY(labelText(dialog, "errors").contains(QStringLiteral("The certificate has expired")));
        QVERIFY(labelText(dialog, "errors").contains(QStringLiteral("could not be found")));
        auto *chain = dialog.findChild<QTreeWidget *>(QStringLiteral("chain"));
        QVERIFY(chain);
        QCOMPARE(chain->topLevelItemCount(), 2);
        QCOMPARE(chain->topLevelItem(1)->text(0), QStringLiteral("Example Test CA"));
        // No warning about a change, no extra confirmation.
        QVERIFY(!dialog.findChild<QLabel *>(QStringLiteral("changedWarning")));
        QVERIFY(!dialog.findChild<QCheckBox *>(QStringLiteral("confirmChange")));
        QVERIFY(button(dialog, "trustAlways")->isEnabled());
    }

    void notYetValidIsMarked()
    {
        CertificateProblem p = problem();
        p.chain[0].notBefore = QDateTime::currentDateTimeUtc().addDays(3);
        p.chain[0].notAfter = QDateTime::currentDateTimeUtc().addDays(300);
        CertificateDialog dialog(p);
        QVERIFY(labelText(dialog, "validFrom").endsWith(QStringLiteral("(not yet valid)")));
        QVERIFY(!labelText(dialog, "validUntil").contains(QStringLiteral("expired")));
    }

    void serverChosenTextIsEscaped()
    {
        CertificateProblem p = problem();
        p.chain[0].subject = QStringLiteral("evil\u202Egnp.exe<b>x</b>");
        CertificateDialog dialog(p);
        const QString subject = labelText(dialog, "subject");
        QVERIFY(!subject.contains(QChar(0x202E)));
        QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("subject"))->textFormat(), Qt::PlainText);
    }

    void everyFieldShowsAsItIs_data()
    {
        QTest::addColumn<bool>("changed");
        QTest::newRow("untrusted") << false;
        QTest::newRow("changed") << true;
    }

    void everyFieldShowsAsItIs()
    {
        // A certificate's maker chooses its subject, issuer and names, and a
        // hostile DNS answer the host: all would be a link if taken for markup.
        QFETCH(bool, changed);
        const auto kind = changed ? CertificateProblem::Kind::Changed : CertificateProblem::Kind::Untrusted;
        const QString hostile = QString::fromLatin1(HostileText);
        CertificateProblem p = problem(kind);
        p.host = hostile;
        p.chain[0].subject = hostile;
        p.chain[0].issuer = hostile;
        p.chain[0].subjectAlternativeNames = { hostile };
        p.chain[1].subject = hostile;
        p.errors = { hostile };
        CertificateDialog dialog(p);
        int shown = 0;
        for (const QLabel *l : dialog.findChildren<QLabel *>()) {
            if (!l->text().contains(QStringLiteral("<a href")))
                continue;
            ++shown;
            QCOMPARE(l->textFormat(), Qt::PlainText);
            QVERIFY2(PoplarTest::shownText(l).contains(hostile), qPrintable(l->objectName()));
            QVERIFY(PoplarTest::shownToolTip(l->toolTip()).isEmpty());
        }
        // Server, subject, names, issuer, problems, and the intro or the warning.
        QCOMPARE(shown, 6);
        for (const char *name : { "server", "subject", "names", "issuer", "errors" })
            QVERIFY2(labelText(dialog, name).contains(hostile), name);
        auto *chain = dialog.findChild<QTreeWidget *>(QStringLiteral("chain"));
        QCOMPARE(chain->topLevelItem(0)->text(0), hostile);  // item views draw plain text
        QCOMPARE(dialog.isChangedWarning(), changed);
    }

    void noLabelShowsAStrayAmpersand()
    {
        for (const QLocale &locale : { QLocale(QLocale::English), QLocale(QLocale::German, QLocale::Germany) }) {
            if (locale.language() == QLocale::German)
                QVERIFY(Poplar::Ui::installTranslations(*QCoreApplication::instance(), locale));
            for (auto kind : { CertificateProblem::Kind::Untrusted, CertificateProblem::Kind::Changed }) {
                CertificateDialog dialog(problem(kind));
                const QStringList stray = PoplarTest::strayMnemonics(&dialog);
                QVERIFY2(
                    stray.isEmpty(), qPrintable(locale.name() + QStringLiteral(": ") + stray.join(QLatin1Char('|'))));
            }
        }
        for (QTranslator *t : QCoreApplication::instance()->findChildren<QTranslator *>()) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    }

    void buttonsGiveDecisions_data()
    {
        QTest::addColumn<QString>("buttonName");
        QTest::addColumn<CertificateDecision>("decision");
        QTest::addColumn<int>("result");
        QTest::newRow("reject") << QStringLiteral("reject") << CertificateDecision::Reject << int(QDialog::Rejected);
        QTest::newRow("once") << QStringLiteral("acceptOnce") << CertificateDecision::AcceptOnce
                              << int(QDialog::Accepted);
        QTest::newRow("always") << QStringLiteral("trustAlways") << CertificateDecision::Pin << int(QDialog::Accepted);
    }

    void buttonsGiveDecisions()
    {
        QFETCH(QString, buttonName);
        QFETCH(CertificateDecision, decision);
        QFETCH(int, result);
        CertificateDialog dialog(problem());
        dialog.show();
        QPushButton *b = dialog.findChild<QPushButton *>(buttonName);
        QVERIFY(b);
        b->click();
        QCOMPARE(dialog.decision(), decision);
        QCOMPARE(dialog.result(), result);
    }

    void rejectIsTheDefault()
    {
        CertificateDialog dialog(problem());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(button(dialog, "reject")->isDefault());
        QVERIFY(!button(dialog, "acceptOnce")->isDefault());
        QVERIFY(!button(dialog, "trustAlways")->isDefault());
        QCOMPARE(dialog.decision(), CertificateDecision::Reject);
        // Escape and Enter both reject.
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QCOMPARE(dialog.decision(), CertificateDecision::Reject);
        CertificateDialog again(problem());
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QTest::keyClick(&again, Qt::Key_Return);
        QCOMPARE(again.decision(), CertificateDecision::Reject);
    }

    void askReturnsTheAnswer()
    {
        QTimer::singleShot(0, this, [] {
            auto *d = qobject_cast<CertificateDialog *>(QApplication::activeModalWidget());
            QVERIFY(d);
            button(*d, "acceptOnce")->click();
        });
        QCOMPARE(CertificateDialog::ask(problem()), CertificateDecision::AcceptOnce);
    }

    void aChangedCertificateWarnsHarder()
    {
        CertificateDialog dialog(problem(CertificateProblem::Kind::Changed));
        dialog.show();
        QVERIFY(dialog.isChangedWarning());
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Warning: Server Certificate Changed"));
        auto *banner = dialog.findChild<QLabel *>(QStringLiteral("changedWarning"));
        QVERIFY(banner);
        QVERIFY(banner->isVisible());
        QVERIFY(banner->text().contains(QStringLiteral("not the one you trusted before")));
        QVERIFY(banner->text().contains(QStringLiteral("intercepting")));
        QCOMPARE(banner->palette().color(QPalette::Window), QColor(0xb0, 0x00, 0x20));
        // The old pin beside the new fingerprint.
        const QString old = QStringList(16, QStringLiteral("5C")).join(QLatin1Char(':'));
        QCOMPARE(labelText(dialog, "pinnedFingerprint"), old + QLatin1Char('\n') + old);
        QVERIFY(labelText(dialog, "fingerprint").startsWith(QStringLiteral("AB:AB")));

        // Trust Always needs the confirmation.
        auto *confirm = dialog.findChild<QCheckBox *>(QStringLiteral("confirmChange"));
        QVERIFY(confirm);
        QVERIFY(!confirm->isChecked());
        QPushButton *always = button(dialog, "trustAlways");
        QVERIFY(!always->isEnabled());
        always->click();
        QCOMPARE(dialog.decision(), CertificateDecision::Reject);
        QVERIFY(dialog.isVisible());
        confirm->setChecked(true);
        QVERIFY(always->isEnabled());
        always->click();
        QCOMPARE(dialog.decision(), CertificateDecision::Pin);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void aChangedCertificateTrustedBySystemStillSaysWhy()
    {
        CertificateProblem p = problem(CertificateProblem::Kind::Changed);
        p.errors.clear();  // the system trusts it; only the pin differs
        CertificateDialog dialog(p);
        QVERIFY(labelText(dialog, "errors").contains(QStringLiteral("not the certificate you trusted")));
    }
};

QTEST_MAIN(TestCertificateDialog)
#include "tst_certificate_dialog.moc"
