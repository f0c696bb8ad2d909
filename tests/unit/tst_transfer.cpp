// Import and export: mbox (mboxrd and mboxo quoting), Maildir (with flags)
// and .eml files, each round trip byte-identical per message; exports are
// new owner-only files that never follow a symbolic link; backups and
// restores reach the disk; a profile that cannot be private is refused.

#include "../support/FileChecks.h"
#include "common/DiskSync.h"
#include "common/NewFile.h"
#include "store/MailFormats.h"
#include "store/Profile.h"
#include "store/Store.h"
#include "store/Transfer.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Store;
using MailFormats::MboxFlavor;
using Poplar::ErrorCode;

namespace {

// Messages that stress the mbox rules.
QList<QByteArray> trickyMessages()
{
    return {
        "From: a@example.org\nSubject: one\n\nplain body\n",
        "From: b@example.org\nSubject: from lines\n\nFrom the start of a line\n>From quoted once\n>>From quoted "
        "twice\n",
        "From: c@example.org\r\nSubject: crlf\r\n\r\nwindows line endings\r\n\r\n",
        "From: d@example.org\nSubject: ends with blank lines\n\nbody\n\n\n",
        "From: e@example.org\nSubject: blank then From\n\nfirst\n\nFrom here on it looks like a separator\n",
        "Subject: binary-ish\n\n\xff\xfe\x01 eight bit\n",
    };
}

QList<QByteArray> readAllMbox(const QString &file, MboxFlavor flavor)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> out;
    auto st = MailFormats::readMbox(f, flavor, [&](QByteArray m, const QByteArray &) {
        out << m;
        return Poplar::Status();
    });
    return st ? out : QList<QByteArray>();
}

using PoplarTest::contentOf;
using PoplarTest::modeOf;

// A permissive umask for one test, put back after it.
class Umask
{
public:
    explicit Umask(mode_t mask)
        : m_old(::umask(mask))
    { }
    ~Umask() { ::umask(m_old); }
    Umask(const Umask &) = delete;
    Umask &operator=(const Umask &) = delete;

private:
    mode_t m_old;
};

// Records every flush to the disk instead of doing it, with what the
// directory held at that moment.
struct SyncRecorder {
    struct Call {
        QString path;
        Poplar::DiskSync::Kind kind;
        QStringList entries;  // the directory's (or the file's directory's) names then
        qint64 size = -1;     // a file's size then
    };
    QList<Call> calls;
    std::optional<Poplar::DiskSync::Kind> failOn;

    SyncRecorder()
    {
        Poplar::DiskSync::setForTesting([this](const QString &path, Poplar::DiskSync::Kind kind) -> Poplar::Status {
            const QFileInfo info(path);
            const QDir dir(kind == Poplar::DiskSync::Kind::Directory ? path : info.absolutePath());
            calls << Call { path, kind, dir.entryList(QDir::Files | QDir::Hidden, QDir::Name),
                kind == Poplar::DiskSync::Kind::File ? info.size() : -1 };
            if (failOn == kind)
                return Poplar::Error(ErrorCode::LocalWriteFailed, QStringLiteral("the disk said no"));
            return {};
        });
    }
    ~SyncRecorder() { Poplar::DiskSync::setForTesting({}); }
    SyncRecorder(const SyncRecorder &) = delete;
    SyncRecorder &operator=(const SyncRecorder &) = delete;
};

}  // namespace

class TestTransfer : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MailStore> m_store;
    qint64 m_folder = 0;

    QList<QByteArray> storedRaw(qint64 folder)
    {
        QList<QByteArray> out;
        auto msgs = m_store->messages(folder, 0, 100000);
        for (auto it = msgs->crbegin(); it != msgs->crend(); ++it)
            out << m_store->rawMessage(it->id).value();
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = MailStore::open(m_dir->filePath(QStringLiteral("profile"))).value();
        m_folder = m_store->createFolder(0, QStringLiteral("Imported")).value();
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void mboxWriterQuotesAndReaderUnquotes_data()
    {
        QTest::addColumn<int>("flavor");
        QTest::newRow("mboxrd") << int(MboxFlavor::Mboxrd);
        QTest::newRow("mboxo") << int(MboxFlavor::Mboxo);
    }

    void mboxWriterQuotesAndReaderUnquotes()
    {
        QFETCH(int, flavor);
        const auto f = MboxFlavor(flavor);
        QBuffer buf;
        QVERIFY(buf.open(QIODevice::ReadWrite));
        for (const QByteArray &m : trickyMessages())
            QVERIFY(MailFormats::writeMboxMessage(buf, m, f, "From sender@example.org Mon Nov  2 10:00:00 2026"));
        const QByteArray mbox = buf.data();
        QVERIFY(mbox.contains("\n>From the start of a line\n"));
        if (f == MboxFlavor::Mboxrd)
            QVERIFY(mbox.contains("\n>>From quoted once\n>>>From quoted twice\n"));
        buf.seek(0);
        QList<QByteArray> back;
        QVERIFY(MailFormats::readMbox(buf, f, [&](QByteArray m, const QByteArray &sep) {
            back << m;
            return sep.startsWith("From sender@example.org") ? Poplar::Status()
                                                             : Poplar::Status(Poplar::Error(ErrorCode::ProtocolError));
        }));
        if (f == MboxFlavor::Mboxrd) {
            QCOMPARE(back, trickyMessages());
        } else {
            // mboxo cannot tell ">From" in a message from a quoted "From":
            // everything else survives.
            QCOMPARE(back.size(), trickyMessages().size());
            for (int i = 0; i < back.size(); ++i) {
                if (i != 1)
                    QCOMPARE(back.at(i), trickyMessages().at(i));
            }
            QVERIFY(back.at(1).contains("\nFrom quoted once\n>>From quoted twice\n"));
        }
    }

    void mboxRoundTripThroughTheStore()
    {
        const QString in = m_dir->filePath(QStringLiteral("in.mbox"));
        {
            QFile f(in);
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (const QByteArray &m : trickyMessages())
                QVERIFY(MailFormats::writeMboxMessage(f, m, MboxFlavor::Mboxrd));
        }
        Transfer t(*m_store);
        int progressCalls = 0;
        auto report = t.importPath(in, m_folder, MboxFlavor::Mboxrd, [&](int, qint64) { ++progressCalls; });
        QVERIFY2(report, qPrintable(report.error().technicalDescription()));
        QCOMPARE(report->messages, trickyMessages().size());
        QVERIFY(progressCalls >= 1);
        QCOMPARE(storedRaw(m_folder), trickyMessages());

        const QString out = m_dir->filePath(QStringLiteral("out.mbox"));
        auto exported = t.exportMbox(m_folder, out);
        QVERIFY(exported);
        QCOMPARE(exported->messages, trickyMessages().size());
        QCOMPARE(readAllMbox(out, MboxFlavor::Mboxrd), trickyMessages());
    }

    void mboxoImportUnquotesOnlyOneLevel()
    {
        const QString in = m_dir->filePath(QStringLiteral("o.mbox"));
        QFile f(in);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("From x Mon Nov  2 10:00:00 2026\nSubject: o\n\n>From was quoted\n>>From stays\n\n");
        f.close();
        Transfer t(*m_store);
        QVERIFY(t.importPath(in, m_folder, MboxFlavor::Mboxo));
        QCOMPARE(storedRaw(m_folder), QList<QByteArray>({ "Subject: o\n\nFrom was quoted\n>>From stays\n" }));
    }

    void manyMessagesInBatches()
    {
        const QString in = m_dir->filePath(QStringLiteral("many.mbox"));
        QList<QByteArray> msgs;
        {
            QFile f(in);
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (int i = 0; i < Transfer::BatchMessages * 2 + 17; ++i) {
                msgs << "Subject: n" + QByteArray::number(i) + "\n\nbody " + QByteArray::number(i) + "\n";
                QVERIFY(MailFormats::writeMboxMessage(f, msgs.last(), MboxFlavor::Mboxrd));
            }
        }
        Transfer t(*m_store);
        QList<int> progress;
        auto report = t.importPath(in, m_folder, MboxFlavor::Mboxrd, [&](int n, qint64) { progress << n; });
        QVERIFY(report);
        QCOMPARE(progress, QList<int>({ 200, 400, 417 }));
        QCOMPARE(m_store->folder(m_folder)->total, msgs.size());
    }

    void mboxSeparatorDatesAreRead()
    {
        using MailFormats::mboxSeparatorDate;
        QCOMPARE(mboxSeparatorDate("From a@example.org Mon Nov  2 10:00:00 2026"),
            QDateTime(QDate(2026, 11, 2), QTime(10, 0), Qt::UTC));
        QCOMPARE(mboxSeparatorDate("From MAILER-DAEMON Tue Dec 15 23:59:58 2026\r"),
            QDateTime(QDate(2026, 12, 15), QTime(23, 59, 58), Qt::UTC));
        QVERIFY(!mboxSeparatorDate("From a@example.org").isValid());
        QVERIFY(!mboxSeparatorDate("From a@example.org Mon Nov  2 10:00:00 2026 +0100").isValid());
        QVERIFY(!mboxSeparatorDate("From a@example.org Xyz Abc 99 10:00:00 2026").isValid());
        QVERIFY(!mboxSeparatorDate("Subject: Mon Nov  2 10:00:00 2026").isValid());
    }

    // A message without a Date header is dated by its "From " line, and
    // without one there by the order it was read in: the folder lists an
    // mbox in the order of the file, whatever order the parallel parsers
    // finished in.
    void undatedMessagesKeepTheOrderOfTheMbox()
    {
        const QString in = m_dir->filePath(QStringLiteral("undated.mbox"));
        QList<QByteArray> msgs;
        {
            QFile f(in);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(MailFormats::writeMboxMessage(
                f, "Subject: dated\n\nby its separator\n", MboxFlavor::Mboxrd, "From a@example.org Mon Nov  2 10:00:00 2026"));
            for (int i = 0; i < Transfer::BatchMessages * 2 + 17; ++i) {
                msgs << "Subject: u" + QByteArray::number(i) + "\n\nbody " + QByteArray::number(i) + "\n";
                QVERIFY(MailFormats::writeMboxMessage(f, msgs.last(), MboxFlavor::Mboxrd, "From nobody"));
            }
        }
        Transfer t(*m_store);
        QVERIFY(t.importPath(in, m_folder, MboxFlavor::Mboxrd));
        const QList<QByteArray> stored = storedRaw(m_folder);
        QCOMPARE(stored.size(), msgs.size() + 1);
        QCOMPARE(stored.first(), QByteArray("Subject: dated\n\nby its separator\n"));
        QCOMPARE(stored.mid(1), msgs);
        auto oldest = m_store->messages(m_folder, 0, 100000)->last();
        QCOMPARE(oldest.date, QDateTime(QDate(2026, 11, 2), QTime(10, 0), Qt::UTC));
        QCOMPARE(oldest.receivedAt, oldest.date);
    }

    void maildirRoundTripWithFlags()
    {
        const QString md = m_dir->filePath(QStringLiteral("Maildir"));
        for (const char *sub : { "cur", "new", "tmp" })
            QVERIFY(QDir().mkpath(md + QLatin1Char('/') + QLatin1String(sub)));
        const QByteArray seen = "Subject: seen\r\n\r\nread already\r\n";
        const QByteArray fresh = "Subject: new\n\nunread\n";
        const QByteArray flagged = "Subject: flagged\n\nimportant\n";
        auto put = [&](const QString &rel, const QByteArray &data) {
            QFile f(md + QLatin1Char('/') + rel);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(data);
        };
        put(QStringLiteral("cur/1700000000.M1P1.host:2,S"), seen);
        put(QStringLiteral("new/1700000001.M2P1.host"), fresh);
        put(QStringLiteral("cur/1700000002.M3P1.host:2,FRS"), flagged);
        Transfer t(*m_store);
        auto report = t.importPath(md, m_folder);
        QVERIFY(report);
        QCOMPARE(report->messages, 3);
        auto list = m_store->messages(m_folder, 0, 10).value();
        QMap<QString, int> flagsBySubject;
        for (const auto &m : list)
            flagsBySubject[m.subject] = m.flags;
        QCOMPARE(flagsBySubject.value(QStringLiteral("seen")), int(Flag::Seen));
        QCOMPARE(flagsBySubject.value(QStringLiteral("new")), 0);
        QCOMPARE(flagsBySubject.value(QStringLiteral("flagged")), Flag::Seen | Flag::Flagged | Flag::Answered);

        const QString out = m_dir->filePath(QStringLiteral("Exported"));
        QVERIFY(t.exportMaildir(m_folder, out));
        const QStringList files = QDir(out + QStringLiteral("/cur")).entryList(QDir::Files);
        QCOMPARE(files.size(), 3);
        QSet<QByteArray> contents;
        for (const QString &name : files) {
            QFile f(out + QStringLiteral("/cur/") + name);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray data = f.readAll();
            contents << data;
            if (data == flagged)
                QVERIFY(name.endsWith(QStringLiteral(":2,FRS")));
            if (data == fresh)
                QVERIFY(name.endsWith(QStringLiteral(":2,")));
        }
        QCOMPARE(contents, QSet<QByteArray>({ seen, fresh, flagged }));
        QVERIFY(QDir(out + QStringLiteral("/tmp")).isEmpty());
    }

    void emlFilesRoundTrip()
    {
        const QString dir = m_dir->filePath(QStringLiteral("eml"));
        QVERIFY(QDir().mkpath(dir));
        const QList<QByteArray> msgs = trickyMessages();
        for (int i = 0; i < msgs.size(); ++i) {
            QFile f(dir + QStringLiteral("/m%1.eml").arg(i));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(msgs.at(i));
        }
        Transfer t(*m_store);
        QCOMPARE(t.importPath(dir, m_folder)->messages, msgs.size());
        const QString out = m_dir->filePath(QStringLiteral("eml-out"));
        QCOMPARE(t.exportEml(m_folder, out)->messages, msgs.size());
        QSet<QByteArray> back;
        for (const QString &name : QDir(out).entryList(QDir::Files)) {
            QFile f(out + QLatin1Char('/') + name);
            QVERIFY(f.open(QIODevice::ReadOnly));
            back << f.readAll();
        }
        QCOMPARE(back, QSet<QByteArray>(msgs.cbegin(), msgs.cend()));
        // A single file imports too.
        QVERIFY(t.importPath(dir + QStringLiteral("/m0.eml"), m_folder));
        QCOMPARE(m_store->folder(m_folder)->total, msgs.size() + 1);
    }

    void mboxLinesAcrossReadBlocks()
    {
        // The reader takes the file in 1 MiB blocks: lines longer than a
        // block, separators right at a block's edge and a last line without
        // a line break must come out whole.
        QList<QByteArray> messages;
        messages << "Subject: long\n\n" + QByteArray(3 * 1024 * 1024 + 7, 'x') + "\n";
        for (int pad = 0; pad < 3; ++pad) {
            QByteArray filler = "Subject: edge\n\n";
            filler += QByteArray(1024 * 1024 - 60 - pad, 'y') + "\nFrom inside the body\n";
            messages << filler;
        }
        QBuffer buffer;
        buffer.open(QIODevice::ReadWrite);
        for (const QByteArray &m : messages) {
            QVERIFY(MailFormats::writeMboxMessage(buffer, m, MailFormats::MboxFlavor::Mboxrd));
        }
        QByteArray file = buffer.data();
        file += "From last@example.org Mon Nov  2 10:00:00 2026\nSubject: last\n\nno final break";
        QBuffer in(&file);
        in.open(QIODevice::ReadOnly);
        QList<QByteArray> read;
        QVERIFY(MailFormats::readMbox(in, MailFormats::MboxFlavor::Mboxrd, [&](QByteArray m, const QByteArray &) {
            read << m;
            return Poplar::Status();
        }));
        QCOMPARE(read.size(), messages.size() + 1);
        for (qsizetype i = 0; i < messages.size(); ++i)
            QVERIFY2(read.at(i) == messages.at(i), qPrintable(QString::number(i)));
        QCOMPARE(read.last(), QByteArray("Subject: last\n\nno final break"));
    }

    void mboxWithByteOrderMarkAndBlankLines()
    {
        const QString in = m_dir->filePath(QStringLiteral("bom.mbox"));
        QFile f(in);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\xEF\xBB\xBF\n\nFrom x Mon Nov  2 10:00:00 2026\nSubject: a\n\none\n\n"
                "From y Mon Nov  2 10:00:00 2026\nSubject: b\n\ntwo\n\n");
        f.close();
        Transfer t(*m_store);
        QCOMPARE(t.importPath(in, m_folder)->messages, 2);
        QCOMPARE(storedRaw(m_folder), QList<QByteArray>({ "Subject: a\n\none\n", "Subject: b\n\ntwo\n" }));
    }

    void textBeforeTheFirstSeparatorIsNotAnMbox()
    {
        QBuffer buf;
        buf.setData("\nSubject: not mbox\n\nFrom here on it is text.\n");
        QVERIFY(buf.open(QIODevice::ReadOnly));
        int messages = 0;
        const Poplar::Status st
            = MailFormats::readMbox(buf, MailFormats::MboxFlavor::Mboxrd, [&](QByteArray, const QByteArray &) {
                  ++messages;
                  return Poplar::Status();
              });
        QCOMPARE(st.code(), ErrorCode::NotMbox);
        QCOMPARE(messages, 0);
    }

    void maildirFlagsComeFromTheFileNameOnly()
    {
        // A directory whose name contains ":2,S" does not mark mail as seen.
        const QString md = m_dir->filePath(QStringLiteral("odd:2,S/Maildir"));
        for (const char *sub : { "cur", "new", "tmp" })
            QVERIFY(QDir().mkpath(md + QLatin1Char('/') + QLatin1String(sub)));
        QFile f(md + QStringLiteral("/new/1.M1P1.host"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Subject: unread\n\nx\n");
        f.close();
        Transfer t(*m_store);
        QVERIFY(t.importPath(md, m_folder));
        QCOMPARE(m_store->messages(m_folder, 0, 1)->first().flags, 0);
    }

    void emlExportNeverOverwrites()
    {
        Transfer t(*m_store);
        QVERIFY(t.importPath(QStringLiteral(POPLAR_TEST_DATA "/mail/alternative-plain-html.eml"), m_folder));
        const QString out = m_dir->filePath(QStringLiteral("eml-twice"));
        QVERIFY(t.exportEml(m_folder, out));
        QCOMPARE(t.exportEml(m_folder, out).error().code, ErrorCode::FileExists);
    }

    void failuresAreClean()
    {
        Transfer t(*m_store);
        QCOMPARE(t.importPath(m_dir->filePath(QStringLiteral("missing")), m_folder).error().code, ErrorCode::NotFound);
        QCOMPARE(t.importPath(m_dir->path(), 424242).error().code, ErrorCode::NotFound);
        // Exporting where nothing can be written leaves no half file.
        QVERIFY(t.importPath(QStringLiteral(POPLAR_TEST_DATA "/mail/alternative-plain-html.eml"), m_folder));
        const QString target = QStringLiteral("/proc/poplar-cannot-write-here.mbox");
        auto r = t.exportMbox(m_folder, target);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::LocalWriteFailed);
        QVERIFY(!QFile::exists(target));
    }

    void exportsAreOwnerOnlyWhateverTheUmask()
    {
        Transfer t(*m_store);
        QVERIFY(t.importPath(QStringLiteral(POPLAR_TEST_DATA "/mail/alternative-plain-html.eml"), m_folder));
        const Umask permissive(0);
        const QString mbox = m_dir->filePath(QStringLiteral("private.mbox"));
        QVERIFY(t.exportMbox(m_folder, mbox));
        QCOMPARE(modeOf(mbox), 0600);

        const QString eml = m_dir->filePath(QStringLiteral("new/eml"));
        QVERIFY(t.exportEml(m_folder, eml));
        QCOMPARE(modeOf(eml), 0700);
        const QStringList emlFiles = QDir(eml).entryList(QDir::Files | QDir::Hidden);
        QCOMPARE(emlFiles, QStringList { QStringLiteral("000001.eml") });  // no temporary left
        QCOMPARE(modeOf(QDir(eml).filePath(emlFiles.first())), 0600);

        const QString maildir = m_dir->filePath(QStringLiteral("Maildir"));
        QVERIFY(t.exportMaildir(m_folder, maildir));
        QCOMPARE(modeOf(maildir), 0700);
        for (const char *sub : { "tmp", "new", "cur" })
            QCOMPARE(modeOf(QDir(maildir).filePath(QString::fromLatin1(sub))), 0700);
        const QStringList mailFiles = QDir(maildir + QStringLiteral("/cur")).entryList(QDir::Files);
        QCOMPARE(mailFiles.size(), 1);
        QCOMPARE(modeOf(maildir + QStringLiteral("/cur/") + mailFiles.first()), 0600);
    }

    void exportsNeverFollowASymbolicLink()
    {
        Transfer t(*m_store);
        QVERIFY(t.importPath(QStringLiteral(POPLAR_TEST_DATA "/mail/alternative-plain-html.eml"), m_folder));
        const QString elsewhere = m_dir->filePath(QStringLiteral("elsewhere"));
        QVERIFY(QDir().mkpath(elsewhere));

        // A link pointing nowhere at the first .eml's name: its target is
        // not created, the link stays, the export says the name is taken.
        const QString eml = m_dir->filePath(QStringLiteral("eml"));
        QVERIFY(QDir().mkpath(eml));
        const QString planted = QDir(elsewhere).filePath(QStringLiteral("planted"));
        QVERIFY(QFile::link(planted, QDir(eml).filePath(QStringLiteral("000001.eml"))));
        auto r = t.exportEml(m_folder, eml);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::FileExists);
        QVERIFY(!QFileInfo::exists(planted));
        QCOMPARE(QFileInfo(QDir(eml).filePath(QStringLiteral("000001.eml"))).symLinkTarget(), planted);
        QCOMPARE(QDir(eml).entryList(QDir::Files | QDir::Hidden | QDir::System),
            QStringList { QStringLiteral("000001.eml") });  // the link alone, no temporary

        // A link to a file that exists: the file keeps its bytes.
        const QString precious = QDir(elsewhere).filePath(QStringLiteral("precious"));
        {
            QFile f(precious);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("keep me\n");
        }
        const QString eml2 = m_dir->filePath(QStringLiteral("eml2"));
        QVERIFY(QDir().mkpath(eml2));
        QVERIFY(QFile::link(precious, QDir(eml2).filePath(QStringLiteral("000001.eml"))));
        QVERIFY(!t.exportEml(m_folder, eml2));
        QCOMPARE(contentOf(precious), QByteArray("keep me\n"));

        // The same for an mbox file.
        const QString mboxLink = m_dir->filePath(QStringLiteral("out.mbox"));
        QVERIFY(QFile::link(planted, mboxLink));
        r = t.exportMbox(m_folder, mboxLink);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::FileExists);
        QVERIFY(!QFileInfo::exists(planted));
        QVERIFY(QFile::remove(mboxLink));
        QVERIFY(QFile::link(precious, mboxLink));
        QVERIFY(!t.exportMbox(m_folder, mboxLink));
        QCOMPARE(contentOf(precious), QByteArray("keep me\n"));
    }

    void newFilesTakeTheNextFreeName()
    {
        const QDir dir(m_dir->filePath(QStringLiteral("save")));
        QVERIFY(QDir().mkpath(dir.path()));
        const QString target = m_dir->filePath(QStringLiteral("target"));
        QVERIFY(QFile::link(target, dir.filePath(QStringLiteral("a.pdf"))));
        auto path = Poplar::NewFile::createUnique(dir, QStringLiteral("a.pdf"), QByteArray("%PDF"));
        QVERIFY(path);
        QCOMPARE(*path, dir.filePath(QStringLiteral("a (2).pdf")));
        QCOMPARE(contentOf(*path), QByteArray("%PDF"));
        QVERIFY(!QFileInfo::exists(target));
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("a.pdf"))).isSymLink());
        path = Poplar::NewFile::createUnique(dir, QStringLiteral("a.pdf"), QByteArray("again"));
        QCOMPARE(*path, dir.filePath(QStringLiteral("a (3).pdf")));

        // A writer that fails leaves nothing, not even the reserved name.
        const Poplar::Status failed
            = Poplar::NewFile::create(dir.filePath(QStringLiteral("b.txt")), [](QIODevice &out) -> Poplar::Status {
                  out.write("half");
                  return Poplar::Error(ErrorCode::LocalWriteFailed, QStringLiteral("disk gone"));
              });
        QVERIFY(!failed);
        QCOMPARE(dir.entryList(QDir::Files | QDir::Hidden | QDir::System),
            QStringList({ QStringLiteral("a (2).pdf"), QStringLiteral("a (3).pdf"), QStringLiteral("a.pdf") }));
    }

    void backupIsFlushedToTheDisk()
    {
        QVERIFY(Transfer(*m_store).importPath(
            QStringLiteral(POPLAR_TEST_DATA "/mail/alternative-plain-html.eml"), m_folder));
        const QString dir = m_dir->filePath(QStringLiteral("backups"));
        QVERIFY(QDir().mkpath(dir));
        const QString backup = QDir(dir).filePath(QStringLiteral("b.sqlite"));
        {
            SyncRecorder disk;
            QVERIFY(m_store->backupTo(backup));
            // The copy, whole, then the directory that names it.
            QCOMPARE(disk.calls.size(), 2);
            QCOMPARE(disk.calls.at(0).kind, Poplar::DiskSync::Kind::File);
            QCOMPARE(disk.calls.at(0).path, backup);
            QCOMPARE(disk.calls.at(0).size, QFileInfo(backup).size());
            QVERIFY(disk.calls.at(0).size > 0);
            QCOMPARE(disk.calls.at(1).kind, Poplar::DiskSync::Kind::Directory);
            QCOMPARE(disk.calls.at(1).path, dir);
        }
        QCOMPARE(modeOf(backup), 0600);
        {
            // A flush the disk refuses: an error, and no backup that looks good.
            SyncRecorder disk;
            disk.failOn = Poplar::DiskSync::Kind::File;
            const QString second = QDir(dir).filePath(QStringLiteral("c.sqlite"));
            QVERIFY(!m_store->backupTo(second));
            QVERIFY(!QFileInfo::exists(second));
        }

        // Restore: the copy is flushed, renamed into place, and then its
        // directory is flushed (after the rename, so the name is durable).
        const QString profile = m_dir->filePath(QStringLiteral("restored"));
        {
            SyncRecorder disk;
            QVERIFY(MailStore::restoreFrom(backup, profile));
            QCOMPARE(disk.calls.size(), 2);
            QCOMPARE(disk.calls.at(0).kind, Poplar::DiskSync::Kind::File);
            QVERIFY(disk.calls.at(0).size > 0);
            QVERIFY(!disk.calls.at(0).entries.contains(QString::fromLatin1(Profile::DatabaseFileName)));
            QCOMPARE(disk.calls.at(1).kind, Poplar::DiskSync::Kind::Directory);
            QCOMPARE(disk.calls.at(1).path, profile);
            QCOMPARE(disk.calls.at(1).entries, QStringList { QString::fromLatin1(Profile::DatabaseFileName) });
        }
        QVERIFY(MailStore::open(profile));
    }

    void aProfileThatCannotBePrivateIsRefused()
    {
        // The kernel refuses every chmod in /proc/<pid>, also to root.
        const Poplar::Status st = Profile::ensureDirectory(QStringLiteral("/proc/self/fdinfo"));
        QVERIFY(!st);
        QCOMPARE(st.code(), ErrorCode::LocalWriteFailed);
        QVERIFY2(st.error().detail.contains(QStringLiteral("private")), qPrintable(st.error().detail));

        // A new profile is owner-only from the start, whatever the umask.
        const Umask permissive(0);
        const QString fresh = m_dir->filePath(QStringLiteral("a/b/profile"));
        QVERIFY(Profile::ensureDirectory(fresh));
        QCOMPARE(modeOf(fresh), 0700);
        // And an existing one is made so.
        const QString open = m_dir->filePath(QStringLiteral("open"));
        QVERIFY(QDir().mkpath(open));
        QVERIFY(QFile::setPermissions(open,
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther
                | QFileDevice::ExeOther));
        QVERIFY(Profile::ensureDirectory(open));
        QCOMPARE(modeOf(open), 0700);
    }
};

QTEST_GUILESS_MAIN(TestTransfer)
#include "tst_transfer.moc"
