#include "store/MailFormats.h"

#include "store/StoreTypes.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QSysInfo>

#include <cstring>

namespace Store::MailFormats {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Status;

namespace {

// "From " after any number of '>' (mboxrd) or exactly one (mboxo).
bool isQuotedFrom(QByteArrayView line, MboxFlavor flavor, qsizetype *depth)
{
    qsizetype i = 0;
    while (i < line.size() && line.at(i) == '>')
        ++i;
    if (i == 0 || !line.sliced(i).startsWith("From "))
        return false;
    if (flavor == MboxFlavor::Mboxo && i != 1)
        return false;
    *depth = i;
    return true;
}

bool needsQuoting(QByteArrayView line, MboxFlavor flavor)
{
    if (line.startsWith("From "))
        return true;
    qsizetype depth = 0;
    return flavor == MboxFlavor::Mboxrd && isQuotedFrom(line, flavor, &depth);
}

}  // namespace

namespace {

// Lines of a device, read in large blocks: an mbox of gigabytes is read at
// disk speed, never line by line through QIODevice.
class LineReader
{
public:
    explicit LineReader(QIODevice &in)
        : m_in(in)
    { }

    // The next line with its line break (the last may lack one); an empty
    // view at the end. False when the device fails.
    bool next(QByteArrayView *line)
    {
        for (;;) {
            const char *start = m_buffer.constData() + m_pos;
            const qsizetype available = m_buffer.size() - m_pos;
            if (const void *nl = std::memchr(start, '\n', size_t(available))) {
                const qsizetype len = static_cast<const char *>(nl) - start + 1;
                *line = QByteArrayView(start, len);
                m_pos += len;
                return true;
            }
            if (m_atEnd) {
                *line = QByteArrayView(start, available);
                m_pos += available;
                return true;
            }
            m_buffer.remove(0, m_pos);  // keep the unfinished line
            m_pos = 0;
            const qsizetype kept = m_buffer.size();
            m_buffer.resize(kept + kBlock);
            const qint64 n = m_in.read(m_buffer.data() + kept, kBlock);
            if (n < 0)
                return false;
            m_buffer.resize(kept + qsizetype(n));
            m_atEnd = n == 0;
        }
    }

private:
    static constexpr qsizetype kBlock = 1024 * 1024;
    QIODevice &m_in;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    bool m_atEnd = false;
};

}  // namespace

Status readMbox(QIODevice &in, MboxFlavor flavor,
    const std::function<Status(QByteArray message, const QByteArray &separator)> &sink)
{
    QByteArray message;
    QByteArray separator;
    bool inMessage = false;
    bool previousBlank = true;  // the file start counts as after a blank line
    QByteArrayView pendingBlank;  // a blank line that may belong to the next separator
    auto flush = [&]() -> Status {
        if (!inMessage)
            return {};
        Status st = sink(std::exchange(message, QByteArray()), separator);
        inMessage = false;
        return st;
    };
    LineReader reader(in);
    bool first = true;
    for (;;) {
        QByteArrayView line;
        if (!reader.next(&line))
            return Error(ErrorCode::LocalWriteFailed, QStringLiteral("cannot read the mbox: %1").arg(in.errorString()));
        if (line.isEmpty())
            break;
        if (first && line.startsWith("\xEF\xBB\xBF"))
            line = line.sliced(3);
        first = false;
        const bool blank = line == "\n" || line == "\r\n";
        if (line.startsWith("From ") && previousBlank) {
            // The blank line before a separator is part of the separator.
            pendingBlank = {};
            if (auto st = flush(); !st)
                return st;
            separator = line.toByteArray();
            while (separator.endsWith('\n') || separator.endsWith('\r'))
                separator.chop(1);
            inMessage = true;
            previousBlank = false;
            continue;
        }
        if (!inMessage) {
            // Text before the first separator: not an mbox message.
            if (!blank)
                return Error(ErrorCode::NotMbox, QStringLiteral("not an mbox file (no \"From \" line first)"));
            continue;
        }
        if (!pendingBlank.isEmpty()) {
            message += pendingBlank;
            pendingBlank = {};
        }
        if (blank) {
            // Only "\n" or "\r\n": kept as a literal, as the view into the
            // reader's buffer does not outlive the next read.
            pendingBlank = line.size() == 1 ? QByteArrayView("\n") : QByteArrayView("\r\n");
            previousBlank = true;
            continue;
        }
        previousBlank = false;
        qsizetype depth = 0;
        if (isQuotedFrom(line, flavor, &depth))
            line = line.sliced(1);
        message += line;
    }
    // The final blank line ends the last message's entry (mbox writers add it).
    return flush();
}

Status writeMboxMessage(QIODevice &out, const QByteArray &message, MboxFlavor flavor, const QByteArray &separator)
{
    QByteArray from = separator;
    if (from.isEmpty()) {
        from = "From MAILER-DAEMON "
            + QDateTime::currentDateTimeUtc().toString(QStringLiteral("ddd MMM d HH:mm:ss yyyy")).toLatin1();
    }
    QByteArray buf = from + '\n';
    qsizetype start = 0;
    while (start < message.size()) {
        qsizetype end = message.indexOf('\n', start);
        end = end < 0 ? message.size() : end + 1;
        const QByteArrayView line = QByteArrayView(message).sliced(start, end - start);
        if (needsQuoting(line, flavor))
            buf += '>';
        buf.append(line.data(), line.size());
        start = end;
        if (buf.size() > 1024 * 1024) {
            if (out.write(buf) != buf.size())
                return Error(ErrorCode::LocalWriteFailed, QStringLiteral("cannot write: %1").arg(out.errorString()));
            buf.clear();
        }
    }
    // A message that lacks a final newline gets none: readers drop exactly
    // one blank line before the next separator.
    if (!message.isEmpty() && !message.endsWith('\n'))
        buf += '\n';
    buf += '\n';
    if (out.write(buf) != buf.size())
        return Error(ErrorCode::LocalWriteFailed, QStringLiteral("cannot write: %1").arg(out.errorString()));
    return {};
}

int maildirFlags(const QString &fileName)
{
    const qsizetype at = fileName.lastIndexOf(QStringLiteral(":2,"));
    if (at < 0)
        return 0;
    int flags = 0;
    for (QChar c : QStringView(fileName).sliced(at + 3)) {
        switch (c.unicode()) {
        case 'S': flags |= Flag::Seen; break;
        case 'F': flags |= Flag::Flagged; break;
        case 'R': flags |= Flag::Answered; break;
        default: break;
        }
    }
    return flags;
}

QString maildirSuffix(int flags)
{
    // Maildir wants the flag letters in ASCII order.
    QString s = QStringLiteral(":2,");
    if (flags & Flag::Flagged)
        s += QLatin1Char('F');
    if (flags & Flag::Answered)
        s += QLatin1Char('R');
    if (flags & Flag::Seen)
        s += QLatin1Char('S');
    return s;
}

QString maildirUniqueName()
{
    static QAtomicInteger<quint64> counter;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QString host = QSysInfo::machineHostName();
    host.replace(QLatin1Char('/'), QStringLiteral("\\057")).replace(QLatin1Char(':'), QStringLiteral("\\072"));
    return QStringLiteral("%1.M%2P%3Q%4.%5")
        .arg(now / 1000)
        .arg((now % 1000) * 1000)
        .arg(QCoreApplication::applicationPid())
        .arg(++counter)
        .arg(host);
}

bool isMaildir(const QString &dir)
{
    const QDir d(dir);
    return d.exists(QStringLiteral("cur")) && d.exists(QStringLiteral("new"));
}

QDateTime mboxSeparatorDate(const QByteArray &separator)
{
    // "From sender Www Mmm d hh:mm:ss yyyy": the date is the last five words.
    // Lines with a zone or other words after the year are left undated.
    const QList<QByteArray> words = separator.simplified().split(' ');
    if (words.size() < 7 || words.first() != "From")
        return {};
    // Day and time apart: read as one they would be a local time first,
    // and one in a daylight-saving gap would not exist.
    const QList<QByteArray> last = words.mid(words.size() - 5);
    const QDate day = QLocale::c().toDate(QString::fromLatin1(last[0] + ' ' + last[1] + ' ' + last[2] + ' ' + last[4]),
        QStringLiteral("ddd MMM d yyyy"));
    const QTime time = QTime::fromString(QString::fromLatin1(last[3]), QStringLiteral("HH:mm:ss"));
    if (!day.isValid() || !time.isValid())
        return {};
    return QDateTime(day, time, Qt::UTC);
}

bool looksLikeMbox(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    // A byte-order mark or blank lines may come first.
    QByteArray head = f.read(4096);
    if (head.startsWith("\xEF\xBB\xBF"))
        head.remove(0, 3);
    qsizetype i = 0;
    while (i < head.size() && (head.at(i) == '\n' || head.at(i) == '\r'))
        ++i;
    return QByteArrayView(head).sliced(i).startsWith("From ");
}

}  // namespace Store::MailFormats
