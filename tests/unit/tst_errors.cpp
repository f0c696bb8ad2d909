// The one grouping of error codes (errorCategory) and what is built on it:
// poplar-cli's exit codes, the scheduler's reactions and the words a user
// reads. One row per code: a new code without a row fails here.

#include "cli/ExitCodes.h"
#include "common/ErrorCategory.h"
#include "store/Store.h"
#include "sync/Scheduler.h"
#include "text/ErrorText.h"

#include <QMetaEnum>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <vector>

using Poplar::ErrorCategory;
using Poplar::ErrorCode;
using Reaction = Sync::Scheduler::Reaction;
using namespace Poplar::Cli;

Q_DECLARE_METATYPE(ErrorCategory)

namespace {

struct Row {
    ErrorCode code;
    ErrorCategory category;
    int exitCode;
    Reaction reaction;
};

// What each code means to the CLI and the scheduler. The exit codes and
// reactions of the codes that existed before the categories are the ones
// they had then.
const std::vector<Row> &table()
{
    using C = ErrorCategory;
    using E = ErrorCode;
    static const std::vector<Row> rows {
        { E::None, C::None, ExitOk, Reaction::Interval },
        { E::InvalidArgument, C::Input, ExitUsage, Reaction::Stop },
        { E::InvalidState, C::Internal, ExitFailure, Reaction::Backoff },
        { E::Cancelled, C::Cancelled, ExitFailure, Reaction::Interval },
        { E::NotFound, C::Missing, ExitNotFound, Reaction::Stop },
        { E::LocalWriteFailed, C::Disk, ExitLocal, Reaction::Backoff },
        { E::DiskFull, C::Disk, ExitLocal, Reaction::Backoff },
        { E::StoreBusy, C::Store, ExitLocal, Reaction::Backoff },
        { E::StoreCorrupt, C::Store, ExitLocal, Reaction::Stop },
        { E::StoreError, C::Store, ExitLocal, Reaction::Backoff },
        { E::SearchSyntax, C::Input, ExitUsage, Reaction::Backoff },
        { E::CredentialNotStored, C::Credentials, ExitCredentials, Reaction::NeedsPassword },
        { E::KeychainLocked, C::Credentials, ExitCredentials, Reaction::Backoff },
        { E::KeychainUnavailable, C::Credentials, ExitCredentials, Reaction::Backoff },
        { E::FetchRunning, C::AccountBusy, ExitFetchRunning, Reaction::Busy },
        { E::UidlUnsupported, C::Server, ExitServer, Reaction::Stop },
        { E::NotOnServer, C::Missing, ExitNotFound, Reaction::Backoff },
        { E::HostNotFound, C::Network, ExitConnection, Reaction::Backoff },
        { E::ConnectionRefused, C::Network, ExitConnection, Reaction::Backoff },
        { E::ConnectionFailed, C::Network, ExitConnection, Reaction::Backoff },
        { E::ConnectionLost, C::Network, ExitConnection, Reaction::Backoff },
        { E::ConnectTimeout, C::Network, ExitConnection, Reaction::Backoff },
        { E::IdleTimeout, C::Network, ExitConnection, Reaction::Backoff },
        { E::ProxyFailed, C::Network, ExitConnection, Reaction::Backoff },
        { E::TlsHandshakeFailed, C::Tls, ExitTls, Reaction::Backoff },
        { E::CertificateUntrusted, C::Tls, ExitTls, Reaction::Stop },
        { E::CertificateChanged, C::Tls, ExitTls, Reaction::Stop },
        { E::StlsUnavailable, C::Tls, ExitTls, Reaction::Stop },
        { E::StlsFailed, C::Tls, ExitTls, Reaction::Backoff },
        { E::ProtocolError, C::Protocol, ExitProtocol, Reaction::Backoff },
        { E::ResponseTooLong, C::Protocol, ExitProtocol, Reaction::Backoff },
        { E::AuthFailed, C::Authentication, ExitAuthentication, Reaction::NeedsPassword },
        { E::AuthMechanismUnavailable, C::Authentication, ExitAuthentication, Reaction::Stop },
        { E::InsecureAuthRefused, C::Authentication, ExitAuthentication, Reaction::Stop },
        { E::ServerSignatureInvalid, C::Authentication, ExitAuthentication, Reaction::Stop },
        { E::MailboxInUse, C::ServerBusy, ExitServerBusy, Reaction::Backoff },
        { E::LoginDelay, C::ServerBusy, ExitServerBusy, Reaction::LoginDelay },
        { E::ServerTemporary, C::ServerBusy, ExitServerBusy, Reaction::Backoff },
        { E::ServerPermanent, C::Server, ExitServer, Reaction::Stop },
        { E::Utf8Required, C::Server, ExitServer, Reaction::Stop },
        { E::ServerError, C::Server, ExitServer, Reaction::Backoff },
        { E::MessageOversized, C::Protocol, ExitProtocol, Reaction::Backoff },
        { E::ServerTooSlow, C::Network, ExitConnection, Reaction::Backoff },
        { E::ListingTooLarge, C::Protocol, ExitProtocol, Reaction::Backoff },
        { E::AuthTooWeak, C::Authentication, ExitAuthentication, Reaction::Stop },
        { E::Utf8LoginUnsupported, C::Authentication, ExitAuthentication, Reaction::Stop },
        { E::UidlRefused, C::ServerBusy, ExitServerBusy, Reaction::Backoff },
        { E::FolderExists, C::Input, ExitUsage, Reaction::Stop },
        { E::FolderNameInvalid, C::Input, ExitUsage, Reaction::Stop },
        { E::FolderPathInvalid, C::Input, ExitUsage, Reaction::Stop },
        { E::FolderProtected, C::Input, ExitUsage, Reaction::Stop },
        { E::FolderIntoItself, C::Input, ExitUsage, Reaction::Stop },
        { E::AccountNameTaken, C::Input, ExitUsage, Reaction::Stop },
        { E::AccountNameInvalid, C::Input, ExitUsage, Reaction::Stop },
        { E::FileExists, C::Input, ExitUsage, Reaction::Stop },
        { E::ProfileHasStore, C::Input, ExitUsage, Reaction::Stop },
        { E::NotMbox, C::Input, ExitUsage, Reaction::Stop },
        { E::AddressInvalid, C::Input, ExitUsage, Reaction::Stop },
        { E::Utf8AddressUnsupported, C::Input, ExitUsage, Reaction::Stop },
        { E::NoRecipients, C::Input, ExitUsage, Reaction::Stop },
        { E::SenderRejected, C::Refused, ExitRejected, Reaction::Interval },
        { E::RecipientRejected, C::Refused, ExitRejected, Reaction::Interval },
        { E::MessageRejected, C::Refused, ExitRejected, Reaction::Interval },
        { E::MessageTooBig, C::Refused, ExitTooBig, Reaction::Interval },
        { E::NoOutgoingServer, C::Input, ExitUsage, Reaction::Stop },
        { E::SendRunning, C::AccountBusy, ExitFetchRunning, Reaction::Busy },
        { E::EightBitUnsupported, C::Input, ExitUsage, Reaction::Stop },
    };
    return rows;
}

QList<ErrorCode> allCodes()
{
    const QMetaEnum e = QMetaEnum::fromType<ErrorCode>();
    QList<ErrorCode> out;
    for (int i = 0; i < e.keyCount(); ++i)
        out << static_cast<ErrorCode>(e.value(i));
    return out;
}

}  // namespace

class TestErrors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyCodeHasExactlyOneRow()
    {
        QSet<ErrorCode> listed;
        for (const Row &r : table()) {
            QVERIFY2(!listed.contains(r.code), qPrintable(Poplar::errorCodeName(r.code)));
            listed.insert(r.code);
        }
        for (ErrorCode code : allCodes())
            QVERIFY2(listed.contains(code), qPrintable(Poplar::errorCodeName(code) + QStringLiteral(" has no row")));
        QCOMPARE(listed.size(), allCodes().size());
    }

    void groupings_data()
    {
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<ErrorCategory>("category");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<Reaction>("reaction");
        for (const Row &r : table())
            QTest::newRow(qPrintable(Poplar::errorCodeName(r.code)))
                << r.code << r.category << r.exitCode << r.reaction;
    }

    void groupings()
    {
        QFETCH(ErrorCode, code);
        QFETCH(ErrorCategory, category);
        QFETCH(int, exitCode);
        QFETCH(Reaction, reaction);
        QCOMPARE(Poplar::errorCategory(code), category);
        QCOMPARE(exitCodeFor(Poplar::Error(code)), exitCode);
        QCOMPARE(Sync::Scheduler::reactionTo(code), reaction);
    }

    void everyCodeHasASentenceOfItsOwn()
    {
        const QString unknown = Poplar::Ui::errorMessage(Poplar::Error(static_cast<ErrorCode>(-1)));
        QHash<QString, ErrorCode> seen;
        for (ErrorCode code : allCodes()) {
            const QString text = Poplar::Ui::errorMessage(Poplar::Error(code));
            QVERIFY2(!text.isEmpty() && text != unknown, qPrintable(Poplar::errorCodeName(code)));
            QVERIFY2(!seen.contains(text),
                qPrintable(Poplar::errorCodeName(code) + QStringLiteral(" says what ")
                    + Poplar::errorCodeName(seen.value(text)) + QStringLiteral(" says")));
            seen.insert(text, code);
        }
    }

    // What a user reads when a folder or account name cannot be used: the
    // store's own code, turned into its own sentence.
    void namesThatCannotBeUsedSaySo()
    {
        QTemporaryDir dir;
        auto opened = Store::MailStore::open(dir.path());
        QVERIFY(opened);
        Store::MailStore &store = **opened;
        QVERIFY(store.createAccount(QStringLiteral("Work")));
        const qint64 projects = store.createFolder(0, QStringLiteral("Projects")).value();
        QVERIFY(store.createFolder(0, QStringLiteral("Archive")));

        const auto message = [](const Poplar::Error &e) { return Poplar::Ui::errorMessage(e); };
        const QString exists = QStringLiteral("A folder with this name exists there already. Choose another name.");
        QCOMPARE(message(store.createFolder(0, QStringLiteral("Projects")).error()), exists);
        QCOMPARE(message(store.renameFolder(projects, QStringLiteral("Archive")).error()), exists);
        QCOMPARE(message(store.createFolder(0, QStringLiteral("a/b")).error()),
            QStringLiteral("This folder name cannot be used. A folder name cannot be empty, start or end with a "
                           "space, contain “/” or control characters, or be longer than 255 characters."));
        QCOMPARE(message(store.deleteFolder(store.trashFolderId().value()).error()),
            QStringLiteral("Inboxes and Trash cannot be renamed, moved or deleted, and cannot hold folders. Make a "
                           "folder under Local Folders instead."));
        QCOMPARE(message(store.moveFolder(projects, projects).error()),
            QStringLiteral("A folder cannot be moved into itself or into one of its own folders."));
        QCOMPARE(message(store.createAccount(QStringLiteral("work")).error()),
            QStringLiteral("Another account has this name already. Choose another name."));
        QCOMPARE(exitCodeFor(store.createFolder(0, QStringLiteral("Projects")).error()), int(ExitUsage));
    }
};

QTEST_GUILESS_MAIN(TestErrors)
#include "tst_errors.moc"
