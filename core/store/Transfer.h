#pragma once

#include "common/Result.h"
#include "store/MailFormats.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace Store {

class MailStore;

// Import into a folder from mbox files, Maildirs and .eml files; export a
// folder to an mbox file, a Maildir or a directory of .eml files. Messages
// travel byte for byte: an import followed by an export gives back each
// message exactly (mbox: provided it ends with a line break, as every
// RFC 5322 message does).
class Transfer
{
public:
    struct Report {
        int messages = 0;  // imported or exported
        qint64 bytes = 0;
        QStringList skipped;  // what could not be read, with the reason
    };
    using Progress = std::function<void(int messages, qint64 bytes)>;

    explicit Transfer(MailStore &store)
        : m_store(store)
    { }

    // `path`: an mbox file, a Maildir, a directory of .eml files or one .eml
    // file. Messages are stored in batches, each batch in one transaction.
    [[nodiscard]] Poplar::Result<Report> importPath(const QString &path, qint64 folderId,
        MailFormats::MboxFlavor flavor = MailFormats::MboxFlavor::Mboxrd, const Progress &progress = {});

    // Exports write new files only, owner-only (0600), never replacing or
    // writing through anything at their names (a file or a symbolic link
    // there is a FileExists error); directories they create are 0700.
    [[nodiscard]] Poplar::Result<Report> exportMbox(
        qint64 folderId, const QString &file, MailFormats::MboxFlavor flavor = MailFormats::MboxFlavor::Mboxrd);
    [[nodiscard]] Poplar::Result<Report> exportMaildir(qint64 folderId, const QString &dir);
    [[nodiscard]] Poplar::Result<Report> exportEml(qint64 folderId, const QString &dir);

    static constexpr int BatchMessages = 200;
    static constexpr qint64 BatchBytes = 32 * 1024 * 1024;

private:
    MailStore &m_store;
};

}  // namespace Store
