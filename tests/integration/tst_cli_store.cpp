// poplar-cli over a real profile: folders, list and show, their JSON, the
// raw bytes, escaping of hostile text, and the exit codes; global options
// before or after the command, and profiles made only by the commands that
// make one; files written never through a symbolic link and owner-only; a
// process that cannot dump core.

#include "../support/CliRunner.h"
#include "../support/FileChecks.h"
#include "store/MessagePreparer.h"
#include "store/Store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Store;

namespace {

using Run = PoplarTest::CliRun;

Run cli(const QStringList &args)
{
    return PoplarTest::runCli(args);
}

using PoplarTest::contentOf;
using PoplarTest::modeOf;

// The owner of /proc/<pid>/status: the process's own user while it is
// dumpable, root when it is not (proc(5); the /proc/<pid> directory itself
// keeps the process's user).
uid_t procOwner(qint64 pid)
{
    struct stat st = {};
    if (::stat(QByteArray("/proc/" + QByteArray::number(pid) + "/status").constData(), &st) != 0)
        return uid_t(-2);
    return st.st_uid;
}

}  // namespace

class TestCliStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_profile;
    qint64 m_plainId = 0;
    qint64 m_hostileId = 0;
    qint64 m_attachmentId = 0;
    qint64 m_hostileHtmlId = 0;
    QByteArray m_attachmentRaw;

private Q_SLOTS:
    void initTestCase()
    {
        m_profile = m_dir.filePath(QStringLiteral("profile"));
        auto store = MailStore::open(m_profile);
        QVERIFY(store);
        QVERIFY((*store)->createAccount(QStringLiteral("Home")));
        const qint64 inbox = (*store)->folderByPath(QStringLiteral("Home/Inbox"))->id;
        QVERIFY((*store)->createFolder(0, QStringLiteral("Receipts")));
        auto add = [&](const QByteArray &raw) {
            MessagePreparer::Input in;
            in.raw = raw;
            in.folderId = inbox;
            return (*store)->insertMessage(MessagePreparer::prepare(in).value()).value();
        };
        m_plainId = add("From: Ann <ann@example.org>\r\nTo: me@example.org\r\nSubject: Lunch\r\n"
                        "Date: Mon, 02 Nov 2026 12:00:00 +0000\r\n\r\nSee you at noon.\r\n");
        m_hostileId
            = add("From: \x1b[2J<evil@example.org>\r\nSubject: =?UTF-8?B?4oCuZ3JlZXRpbmdz?= \x1b]0;pwned\x07\r\n"
                  "Date: Tue, 03 Nov 2026 12:00:00 +0000\r\n\r\nclear\x1b[2Jscreen\r\n");
        m_attachmentRaw = "From: a@example.org\r\nSubject: Invoice\r\nDate: Wed, 04 Nov 2026 12:00:00 +0000\r\n"
                          "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
                          "Content-Type: text/plain\r\n\r\nAttached.\r\n--b\r\nContent-Type: application/pdf\r\n"
                          "Content-Disposition: attachment; filename=\"../../etc/invoice.pdf\"\r\n"
                          "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n";
        m_attachmentId = add(m_attachmentRaw);
        m_hostileHtmlId = add("From: h@example.org\r\nSubject: html\r\nDate: Sun, 01 Nov 2026 12:00:00 +0000\r\n"
                              "Content-Type: text/html\r\n\r\n"
                              "<p>hi\x1b]0;title\x07</p>\r\n");
    }

    void foldersPlainAndJson()
    {
        const Run plain = cli({ QStringLiteral("folders"), QStringLiteral("--profile"), m_profile });
        QCOMPARE(plain.code, 0);
        QVERIFY(plain.out.contains("Home/Inbox\t4\t4\n"));
        QVERIFY(plain.out.contains("Local/Receipts\t0\t0\n"));
        QVERIFY(plain.out.contains("Trash\t0\t0\n"));
        const Run json
            = cli({ QStringLiteral("folders"), QStringLiteral("--json"), QStringLiteral("--profile"), m_profile });
        QCOMPARE(json.code, 0);
        const QJsonArray arr = QJsonDocument::fromJson(json.out).array();
        QCOMPARE(arr.size(), 3);
        QCOMPARE(arr.at(0).toObject().value(QStringLiteral("path")).toString(), QStringLiteral("Home/Inbox"));
        QCOMPARE(arr.at(0).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("inbox"));
        QCOMPARE(arr.at(0).toObject().value(QStringLiteral("unread")).toInt(), 4);
    }

    void listNewestFirstJson()
    {
        const Run json = cli({ QStringLiteral("list"), QStringLiteral("--folder"), QStringLiteral("Home/Inbox"),
            QStringLiteral("--json"), QStringLiteral("--profile"), m_profile });
        QCOMPARE(json.code, 0);
        const QJsonArray arr = QJsonDocument::fromJson(json.out).array();
        QCOMPARE(arr.size(), 4);
        QCOMPARE(arr.at(0).toObject().value(QStringLiteral("id")).toInteger(), m_attachmentId);
        QCOMPARE(arr.at(2).toObject().value(QStringLiteral("subject")).toString(), QStringLiteral("Lunch"));
        QCOMPARE(arr.at(2).toObject().value(QStringLiteral("date")).toString(), QStringLiteral("2026-11-02T12:00:00Z"));
        QCOMPARE(
            arr.at(2).toObject().value(QStringLiteral("from")).toObject().value(QStringLiteral("address")).toString(),
            QStringLiteral("ann@example.org"));
        QVERIFY(arr.at(0).toObject().value(QStringLiteral("hasAttachments")).toBool());
        const Run limited = cli({ QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("1"),
            QStringLiteral("--profile"), m_profile });
        QCOMPARE(limited.code, 0);
        QCOMPARE(limited.out.count('\n'), 1);
    }

    void listSearch()
    {
        const Run json = cli({ QStringLiteral("list"), QStringLiteral("--search"), QStringLiteral("invoice.pdf"),
            QStringLiteral("--json"), QStringLiteral("--profile"), m_profile });
        QCOMPARE(json.code, 0);
        const QJsonArray arr = QJsonDocument::fromJson(json.out).array();
        QCOMPARE(arr.size(), 1);
        QCOMPARE(arr.at(0).toObject().value(QStringLiteral("id")).toInteger(), m_attachmentId);
        const Run words = cli({ QStringLiteral("list"), QStringLiteral("--search"), QStringLiteral("NOON from:ann"),
            QStringLiteral("--folder"), QStringLiteral("Home/Inbox"), QStringLiteral("--profile"), m_profile });
        QCOMPARE(words.code, 0);
        QVERIFY(words.out.startsWith(QByteArray(QByteArray::number(m_plainId) + "\t")));
        QCOMPARE(words.out.count('\n'), 1);
        const Run none = cli({ QStringLiteral("list"), QStringLiteral("--search"), QStringLiteral("noon"),
            QStringLiteral("--folder"), QStringLiteral("Local/Receipts"), QStringLiteral("--profile"), m_profile });
        QCOMPARE(none.code, 0);
        QCOMPARE(none.out, QByteArray());
        const Run bad = cli({ QStringLiteral("list"), QStringLiteral("--search"), QStringLiteral("before:soon"),
            QStringLiteral("--profile"), m_profile });
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.contains("before:soon") && bad.err.contains("2026-11-22"), bad.err.constData());
    }

    void showRawIsExact()
    {
        const Run raw = cli({ QStringLiteral("show"), QString::number(m_attachmentId), QStringLiteral("--raw"),
            QStringLiteral("--profile"), m_profile });
        QCOMPARE(raw.code, 0);
        QCOMPARE(raw.out, m_attachmentRaw);
    }

    void showTextHeadersAttachments()
    {
        const Run text
            = cli({ QStringLiteral("show"), QString::number(m_plainId), QStringLiteral("--profile"), m_profile });
        QCOMPARE(text.code, 0);
        QVERIFY(text.out.contains("Subject: Lunch\n"));
        QVERIFY(text.out.contains("See you at noon."));
        const Run headers = cli({ QStringLiteral("show"), QString::number(m_plainId), QStringLiteral("--headers"),
            QStringLiteral("--profile"), m_profile });
        QCOMPARE(headers.out,
            QByteArray("From: Ann <ann@example.org>\nTo: me@example.org\nSubject: Lunch\n"
                       "Date: Mon, 02 Nov 2026 12:00:00 +0000\n"));
        const Run att = cli({ QStringLiteral("show"), QString::number(m_attachmentId), QStringLiteral("--attachments"),
            QStringLiteral("--profile"), m_profile });
        QCOMPARE(att.code, 0);
        QVERIFY2(att.out.startsWith("1\tinvoice.pdf\tapplication/pdf\t9"), att.out.constData());
    }

    void hostileTextIsEscaped()
    {
        for (const QStringList &args : { QStringList { QStringLiteral("show"), QString::number(m_hostileId) },
                 QStringList { QStringLiteral("show"), QString::number(m_hostileId), QStringLiteral("--headers") },
                 QStringList { QStringLiteral("show"), QString::number(m_hostileHtmlId), QStringLiteral("--html") },
                 QStringList { QStringLiteral("list") } }) {
            const Run r = cli(args + QStringList { QStringLiteral("--profile"), m_profile });
            QCOMPARE(r.code, 0);
            QVERIFY2(!r.out.contains('\x1b'), r.out.constData());
            QVERIFY2(!r.out.contains("\xe2\x80\xae"), r.out.constData());  // U+202E
        }
    }

    void errorsHaveDistinctExitCodes()
    {
        QCOMPARE(
            cli({ QStringLiteral("show"), QStringLiteral("999999"), QStringLiteral("--profile"), m_profile }).code, 10);
        QCOMPARE(cli({ QStringLiteral("list"), QStringLiteral("--folder"), QStringLiteral("Nope"),
                         QStringLiteral("--profile"), m_profile })
                     .code,
            10);
        QCOMPARE(
            cli({ QStringLiteral("show"), QStringLiteral("abc"), QStringLiteral("--profile"), m_profile }).code, 2);
        QCOMPARE(cli({ QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("0"),
                         QStringLiteral("--profile"), m_profile })
                     .code,
            2);
        QTemporaryDir broken;
        QFile f(broken.filePath(QStringLiteral("poplar.sqlite")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'j'));
        f.close();
        const Run r = cli({ QStringLiteral("folders"), QStringLiteral("--profile"), broken.path() });
        QCOMPARE(r.code, 9);
        QVERIFY(r.err.contains("damaged"));
    }

    void importAndExportRoundTrip()
    {
        const QString mbox = m_dir.filePath(QStringLiteral("in.mbox"));
        {
            QFile f(mbox);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("From a@example.org Mon Nov  2 10:00:00 2026\nSubject: first\n\n>From inside\n\n"
                    "From b@example.org Mon Nov  2 11:00:00 2026\nSubject: second\n\n>From quoted\n\n");
        }
        const Run imp = cli({ QStringLiteral("import"), QStringLiteral("--folder"),
            QStringLiteral("Local/Archive/2026"), mbox, QStringLiteral("--profile"), m_profile });
        QVERIFY2(imp.code == 0, imp.err.constData());
        QVERIFY(imp.out.contains("2 messages imported into Local/Archive/2026."));
        const QString out = m_dir.filePath(QStringLiteral("out.mbox"));
        const Run exp
            = cli({ QStringLiteral("export"), QStringLiteral("--folder"), QStringLiteral("Local/Archive/2026"),
                QStringLiteral("--mbox"), out, QStringLiteral("--profile"), m_profile });
        QVERIFY2(exp.code == 0, exp.err.constData());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray data = f.readAll();
        QVERIFY(data.contains("\nSubject: first\n\n>From inside\n\nFrom "));
        QVERIFY(data.endsWith("\nSubject: second\n\n>From quoted\n\n"));
        // Usage errors and a missing source.
        QCOMPARE(cli({ QStringLiteral("export"), QStringLiteral("--folder"), QStringLiteral("Local/Archive/2026"),
                         QStringLiteral("--profile"), m_profile })
                     .code,
            2);
        QCOMPARE(cli({ QStringLiteral("import"), QStringLiteral("--folder"), QStringLiteral("Local/Archive/2026"),
                         m_dir.filePath(QStringLiteral("nope")), QStringLiteral("--profile"), m_profile })
                     .code,
            10);
        // A failure part-way says what was stored before it, and that stays.
        const Run partial = cli({ QStringLiteral("import"), QStringLiteral("--folder"), QStringLiteral("Local/Partial"),
            mbox, m_dir.filePath(QStringLiteral("nope")), QStringLiteral("--profile"), m_profile });
        QCOMPARE(partial.code, 10);
        QVERIFY2(partial.err.contains("the import stopped; 2 messages had been imported into Local/Partial and stay "
                                      "there."),
            partial.err.constData());
        const Run kept = cli({ QStringLiteral("list"), QStringLiteral("--folder"), QStringLiteral("Local/Partial"),
            QStringLiteral("--profile"), m_profile });
        QCOMPARE(kept.out.count('\n'), 2);
    }

    void saveAttachmentNeverOverwrites()
    {
        QTemporaryDir to;
        const QStringList args { QStringLiteral("save-attachment"), QString::number(m_attachmentId),
            QStringLiteral("1"), QStringLiteral("--to"), to.path(), QStringLiteral("--profile"), m_profile };
        const Run first = cli(args);
        QVERIFY2(first.code == 0, first.err.constData());
        QCOMPARE(first.out.trimmed(), to.filePath(QStringLiteral("invoice.pdf")).toUtf8());
        QFile f(to.filePath(QStringLiteral("invoice.pdf")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("%PDF-1.4\n"));
        const Run second = cli(args);
        QCOMPARE(second.code, 0);
        QCOMPARE(second.out.trimmed(), to.filePath(QStringLiteral("invoice (2).pdf")).toUtf8());
        QCOMPARE(cli({ QStringLiteral("save-attachment"), QString::number(m_attachmentId), QStringLiteral("7"),
                         QStringLiteral("--to"), to.path(), QStringLiteral("--profile"), m_profile })
                     .code,
            10);
    }

    void checkBackupRestore()
    {
        const Run check = cli({ QStringLiteral("check"), QStringLiteral("--profile"), m_profile });
        QCOMPARE(check.code, 0);
        QVERIFY(check.out.contains("intact"));
        QTemporaryDir out;
        const QString backup = out.filePath(QStringLiteral("b.sqlite"));
        const Run b = cli({ QStringLiteral("backup"), backup, QStringLiteral("--profile"), m_profile });
        QVERIFY2(b.code == 0, b.err.constData());
        const QString fresh = out.filePath(QStringLiteral("restored"));
        const Run r = cli({ QStringLiteral("restore"), backup, QStringLiteral("--profile"), fresh });
        QVERIFY2(r.code == 0, r.err.constData());
        const Run raw = cli({ QStringLiteral("show"), QString::number(m_attachmentId), QStringLiteral("--raw"),
            QStringLiteral("--profile"), fresh });
        QCOMPARE(raw.out, m_attachmentRaw);
        // Restoring over mail is refused.
        QCOMPARE(cli({ QStringLiteral("restore"), backup, QStringLiteral("--profile"), m_profile }).code, 2);
        const Run reindex = cli({ QStringLiteral("reindex"), QStringLiteral("--profile"), fresh });
        QCOMPARE(reindex.code, 0);
        QVERIFY(reindex.out.contains("messages reindexed"));
    }

    void globalOptionsGoBeforeOrAfterTheCommand()
    {
        const QList<QStringList> forms {
            { QStringLiteral("--profile"), m_profile, QStringLiteral("folders") },
            { QStringLiteral("folders"), QStringLiteral("--profile"), m_profile },
            { QStringLiteral("--profile=") + m_profile, QStringLiteral("folders") },
            { QStringLiteral("folders"), QStringLiteral("--profile=") + m_profile },
        };
        for (const QStringList &args : forms) {
            const Run r = cli(args);
            QVERIFY2(
                r.code == 0, qPrintable(args.join(QLatin1Char(' ')) + QLatin1String(": ") + QString::fromUtf8(r.err)));
            QVERIFY(r.out.contains("Home/Inbox\t"));
        }
        // account and its subcommand: before, between and after.
        for (const QStringList &args :
            { QStringList { QStringLiteral("--profile"), m_profile, QStringLiteral("account"), QStringLiteral("list") },
                QStringList {
                    QStringLiteral("account"), QStringLiteral("--profile"), m_profile, QStringLiteral("list") },
                QStringList {
                    QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--profile=") + m_profile },
                QStringList { QStringLiteral("--profile=") + m_profile, QStringLiteral("account"),
                    QStringLiteral("list"), QStringLiteral("--json") } }) {
            const Run r = cli(args);
            QVERIFY2(
                r.code == 0, qPrintable(args.join(QLatin1Char(' ')) + QLatin1String(": ") + QString::fromUtf8(r.err)));
        }
        // Before a command that takes positional arguments, and before probe
        // (which uses no profile but takes the option like every command).
        QCOMPARE(cli({ QStringLiteral("--profile"), m_profile, QStringLiteral("show"), QString::number(m_plainId),
                         QStringLiteral("--raw") })
                     .code,
            0);
        QCOMPARE(
            cli({ QStringLiteral("--profile"), m_profile, QStringLiteral("probe"), QStringLiteral("--help") }).code, 0);
        // The option without its directory is a usage error.
        const Run bad = cli({ QStringLiteral("--profile") });
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.contains("--profile needs a directory"), bad.err.constData());
        // --help names the global option, and a command's help writes its
        // options where they go.
        QVERIFY(cli({ QStringLiteral("--help") }).out.contains("poplar-cli [--profile DIR] COMMAND"));
        QVERIFY(cli({ QStringLiteral("show"), QStringLiteral("--help") })
                    .out.startsWith("Usage: poplar-cli show ID [options]\n"));
        QVERIFY(cli({ QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--help") })
                    .out.startsWith("Usage: poplar-cli account list [options]\n"));
    }

    void onlyCommandsThatMakeAProfileMakeOne()
    {
        QTemporaryDir base;
        const QString missing = base.filePath(QStringLiteral("no-such-profile"));
        const QList<QStringList> readers {
            { QStringLiteral("list") },
            { QStringLiteral("folders") },
            { QStringLiteral("show"), QStringLiteral("1") },
            { QStringLiteral("check") },
            { QStringLiteral("reindex") },
            { QStringLiteral("backup"), base.filePath(QStringLiteral("b.sqlite")) },
            { QStringLiteral("export"), QStringLiteral("--folder"), QStringLiteral("Trash"), QStringLiteral("--mbox"),
                base.filePath(QStringLiteral("out.mbox")) },
            { QStringLiteral("fetch") },
            { QStringLiteral("watch") },
            { QStringLiteral("download-rest"), QStringLiteral("1") },
            { QStringLiteral("account"), QStringLiteral("list") },
            { QStringLiteral("account"), QStringLiteral("test"), QStringLiteral("--name"), QStringLiteral("A") },
            { QStringLiteral("account"), QStringLiteral("remove"), QStringLiteral("--name"), QStringLiteral("A") },
        };
        for (const QStringList &args : readers) {
            const Run r = cli(args + QStringList { QStringLiteral("--profile"), missing });
            const QByteArray what = args.join(QLatin1Char(' ')).toUtf8() + ": " + r.err;
            QVERIFY2(r.code == 10, what.constData());
            QVERIFY2(r.err.contains(QByteArray("There is no Poplar profile in " + missing.toUtf8())), what.constData());
            QVERIFY2(!QFileInfo::exists(missing), what.constData());
        }
        // A directory without a store is no profile either, and stays empty.
        QVERIFY(QDir().mkpath(missing));
        QCOMPARE(cli({ QStringLiteral("list"), QStringLiteral("--profile"), missing }).code, 10);
        QVERIFY(QDir(missing).isEmpty());
        QVERIFY(QDir(missing).removeRecursively());
        // With the environment variable as with the option.
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("POPLAR_PROFILE"), missing);
        QCOMPARE(PoplarTest::runCli({ QStringLiteral("folders") }, {}, env).code, 10);
        QVERIFY(!QFileInfo::exists(missing));

        // account add, import and restore make it.
        const QString added = base.filePath(QStringLiteral("added"));
        Run r = cli({ QStringLiteral("--profile"), added, QStringLiteral("account"), QStringLiteral("add"),
            QStringLiteral("--name"), QStringLiteral("A"), QStringLiteral("--email"), QStringLiteral("a@example.org"),
            QStringLiteral("--host"), QStringLiteral("127.0.0.1") });
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(cli({ QStringLiteral("--profile"), added, QStringLiteral("folders") }).code, 0);
        QCOMPARE(modeOf(added), 0700);

        const QString imported = base.filePath(QStringLiteral("imported"));
        const QString eml = base.filePath(QStringLiteral("one.eml"));
        {
            QFile f(eml);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("Subject: one\n\nbody\n");
        }
        r = cli({ QStringLiteral("import"), QStringLiteral("--folder"), QStringLiteral("Local/In"), eml,
            QStringLiteral("--profile"), imported });
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(cli({ QStringLiteral("list"), QStringLiteral("--profile"), imported }).out.contains("one"));

        // A profile that cannot be made private is not used (the kernel
        // refuses any chmod in /proc/<pid>, also to root).
        r = cli({ QStringLiteral("import"), QStringLiteral("--folder"), QStringLiteral("Local/In"), eml,
            QStringLiteral("--profile"), QStringLiteral("/proc/self/fdinfo") });
        QCOMPARE(r.code, 9);
        QVERIFY2(r.err.contains("cannot be made readable by you alone"), r.err.constData());

        const QString backup = base.filePath(QStringLiteral("backup.sqlite"));
        QCOMPARE(cli({ QStringLiteral("backup"), backup, QStringLiteral("--profile"), imported }).code, 0);
        const QString restored = base.filePath(QStringLiteral("restored"));
        r = cli({ QStringLiteral("--profile=") + restored, QStringLiteral("restore"), backup });
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(cli({ QStringLiteral("list"), QStringLiteral("--profile"), restored }).out.contains("one"));
    }

    void savedFilesNeverFollowASymbolicLink()
    {
        QTemporaryDir to;
        QTemporaryDir elsewhere;
        // Every name save-attachment could take first is a link someone
        // left: one pointing nowhere, one to a file that exists.
        const QString planted = elsewhere.filePath(QStringLiteral("planted.pdf"));
        const QString precious = elsewhere.filePath(QStringLiteral("precious.pdf"));
        {
            QFile f(precious);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("keep me\n");
        }
        QVERIFY(QFile::link(planted, to.filePath(QStringLiteral("invoice.pdf"))));
        QVERIFY(QFile::link(precious, to.filePath(QStringLiteral("invoice (2).pdf"))));
        const mode_t oldMask = ::umask(0);  // a permissive umask: still owner-only
        const Run r = cli({ QStringLiteral("save-attachment"), QString::number(m_attachmentId), QStringLiteral("1"),
            QStringLiteral("--to"), to.path(), QStringLiteral("--profile"), m_profile });
        ::umask(oldMask);
        QVERIFY2(r.code == 0, r.err.constData());
        const QString saved = to.filePath(QStringLiteral("invoice (3).pdf"));
        QCOMPARE(r.out.trimmed(), saved.toUtf8());
        QCOMPARE(contentOf(saved), QByteArray("%PDF-1.4\n"));
        QCOMPARE(modeOf(saved), 0600);
        QVERIFY(!QFileInfo::exists(planted));
        QCOMPARE(contentOf(precious), QByteArray("keep me\n"));
        QVERIFY(QFileInfo(to.filePath(QStringLiteral("invoice.pdf"))).isSymLink());
        QVERIFY(QFileInfo(to.filePath(QStringLiteral("invoice (2).pdf"))).isSymLink());

        // export --eml: a link at the first file's name stops the export
        // with a clear message; the link's target is not created.
        const QString eml = to.filePath(QStringLiteral("eml"));
        QVERIFY(QDir().mkpath(eml));
        QVERIFY(QFile::link(planted, QDir(eml).filePath(QStringLiteral("000001.eml"))));
        const Run exported = cli({ QStringLiteral("export"), QStringLiteral("--folder"), QStringLiteral("Home/Inbox"),
            QStringLiteral("--eml"), eml, QStringLiteral("--profile"), m_profile });
        QCOMPARE(exported.code, 2);
        QVERIFY2(exported.err.contains("never replaces anything"), exported.err.constData());
        QVERIFY(!QFileInfo::exists(planted));
        // And --mbox onto a link to a file: the file keeps its bytes.
        const QString mboxLink = to.filePath(QStringLiteral("out.mbox"));
        QVERIFY(QFile::link(precious, mboxLink));
        const Run mbox = cli({ QStringLiteral("export"), QStringLiteral("--folder"), QStringLiteral("Home/Inbox"),
            QStringLiteral("--mbox"), mboxLink, QStringLiteral("--profile"), m_profile });
        QCOMPARE(mbox.code, 2);
        QVERIFY2(mbox.err.contains("exists already"), mbox.err.constData());
        QCOMPARE(contentOf(precious), QByteArray("keep me\n"));
    }

    void theProcessCannotDumpCore()
    {
        // poplar-cli waiting for a server that never greets; /proc/<pid>'s
        // files belong to root while a process is not dumpable. Run as another
        // user than root so the two can be told apart (as root: nobody).
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        const bool root = ::geteuid() == 0;
        const uid_t user = root ? 65534 : ::geteuid();
        QTemporaryDir home;
        if (root)
            QCOMPARE(::chown(QFile::encodeName(home.path()).constData(), user, 65534), 0);
        for (const bool allowed : { false, true }) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("HOME"), home.path());
            env.remove(QStringLiteral("XDG_RUNTIME_DIR"));
            if (allowed)
                env.insert(QStringLiteral("POPLAR_ALLOW_CORE_DUMPS"), QStringLiteral("1"));
            else
                env.remove(QStringLiteral("POPLAR_ALLOW_CORE_DUMPS"));
            p.setProcessEnvironment(env);
            if (root) {
                p.setChildProcessModifier([] {
                    if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0)
                        ::_exit(126);
                });
            }
            p.start(QStringLiteral(POPLAR_CLI_PATH),
                { QStringLiteral("probe"), QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                    QStringLiteral("--port"), QString::number(silent.serverPort()), QStringLiteral("--security"),
                    QStringLiteral("none"), QStringLiteral("--timeout"), QStringLiteral("600") });
            QVERIFY(p.waitForStarted());
            QVERIFY2(silent.waitForNewConnection(60'000), p.readAllStandardError().constData());
            std::unique_ptr<QTcpSocket> connection(silent.nextPendingConnection());
            QCOMPARE(procOwner(p.processId()), allowed ? user : uid_t(0));
            p.kill();
            QVERIFY(p.waitForFinished());
        }
    }

    void profileFromEnvironment()
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("POPLAR_PROFILE"), m_profile);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(POPLAR_CLI_PATH), { QStringLiteral("folders") });
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardOutput().contains("Home/Inbox"));
    }
};

QTEST_GUILESS_MAIN(TestCliStore)
#include "tst_cli_store.moc"
