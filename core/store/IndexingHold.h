#pragma once

namespace Store {

class WriterThread;

// Keeps the store's writer from building the search index while it has
// nothing else to do (MailStore::holdIndexing): a fetch keeps one, so that
// bringing mail home goes first. A search still indexes what it needs.
// Released when destroyed or by release(); move-only. It must not outlive
// the MailStore it came from (a job holding one holds the store too).
class IndexingHold
{
public:
    IndexingHold() = default;
    ~IndexingHold();
    IndexingHold(IndexingHold &&other) noexcept;
    IndexingHold &operator=(IndexingHold &&other) noexcept;
    IndexingHold(const IndexingHold &) = delete;
    IndexingHold &operator=(const IndexingHold &) = delete;

    void release();

private:
    friend class MailStore;
    explicit IndexingHold(WriterThread *writer);

    WriterThread *m_writer = nullptr;
};

}  // namespace Store
