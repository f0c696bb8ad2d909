#include "pop3/Listing.h"

#include <algorithm>

namespace Pop3 {

void RejectedLines::add(quint32 message, QByteArrayView line)
{
    ++count;
    if (message)
        messages.push_back(message);
    if (first.size() < MaxKept)
        first.append(line.first(std::min(line.size(), MaxLineKept)).toByteArray());
}

void ListingProblems::add(ListingProblem problem)
{
    ++count;
    if (first.size() < size_t(MaxKept))
        first.push_back(std::move(problem));
}

namespace {

using Kind = ListingProblem::Kind;

bool contains(const std::vector<quint32> &sorted, quint32 n)
{
    return std::binary_search(sorted.begin(), sorted.end(), n);
}

void sortUnique(std::vector<quint32> &v)
{
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

// Rejected lines as problems: the first few with their text, the rest counted.
void report(ListingProblems &problems, const RejectedLines &rejected, Kind kind)
{
    for (qsizetype i = 0; i < rejected.count; ++i) {
        ListingProblem p;
        p.kind = kind;
        if (i < rejected.first.size())
            p.line = Poplar::ServerText(rejected.first.at(i));
        problems.add(std::move(p));
    }
}

QByteArray listLine(const ListEntry &e)
{
    return QByteArray::number(e.message) + ' ' + QByteArray::number(e.size);
}

}  // namespace

Listing mergeListing(const std::vector<ListEntry> &list, const RejectedLines &listRejected,
    std::vector<UidlEntry> *uidl, const RejectedLines &uidlRejected)
{
    Listing out;
    ListingProblems &problems = out.problems;

    // Messages LIST names on unreadable lines or more than once: unusable.
    std::vector<quint32> unusable = listRejected.messages;
    report(problems, listRejected, Kind::MalformedList);
    bool ascending = true;
    for (size_t i = 1; i < list.size() && ascending; ++i)
        ascending = list[i - 1].message < list[i].message;
    if (!ascending) {
        std::vector<quint32> numbers;
        numbers.reserve(list.size());
        for (const ListEntry &e : list)
            numbers.push_back(e.message);
        std::sort(numbers.begin(), numbers.end());
        std::vector<quint32> repeated;
        for (size_t i = 1; i < numbers.size(); ++i) {
            if (numbers[i] == numbers[i - 1])
                repeated.push_back(numbers[i]);
        }
        sortUnique(repeated);
        for (const ListEntry &e : list) {
            if (contains(repeated, e.message))
                problems.add(ListingProblem { Kind::RepeatedNumber, e.message, Poplar::ServerText(listLine(e)) });
        }
        unusable.insert(unusable.end(), repeated.begin(), repeated.end());
    }
    sortUnique(unusable);

    out.messages.reserve(list.size() - std::min(list.size(), unusable.size()));
    for (const ListEntry &e : list) {
        if (!unusable.empty() && contains(unusable, e.message))
            continue;
        out.messages.push_back(MessageInfo { e.message, e.size, {} });
    }
    // Every unusable number was shown by LIST, on a bad line or twice.
    problems.skipped = unusable;

    if (!uidl)
        return out;

    // Messages whose uid cannot be trusted: named on an unreadable UIDL line
    // or given two different uids.
    std::vector<quint32> untrusted = uidlRejected.messages;
    report(problems, uidlRejected, Kind::MalformedUidl);
    std::stable_sort(
        uidl->begin(), uidl->end(), [](const UidlEntry &a, const UidlEntry &b) { return a.message < b.message; });
    {
        // Collapse repeated numbers: identical repeats are harmless, different uids are not.
        size_t w = 0;
        for (size_t r = 0; r < uidl->size(); ++r) {
            UidlEntry &e = (*uidl)[r];
            if (w > 0 && (*uidl)[w - 1].message == e.message) {
                if ((*uidl)[w - 1].uid != e.uid) {
                    untrusted.push_back(e.message);
                    problems.add(ListingProblem { Kind::ConflictingUid, e.message,
                        Poplar::ServerText(QByteArray(QByteArray::number(e.message) + ' ' + e.uid)) });
                }
                continue;
            }
            if (w != r)
                (*uidl)[w] = std::move(e);
            ++w;
        }
        uidl->resize(w);
    }
    sortUnique(untrusted);

    std::vector<bool> used(uidl->size(), false);
    auto find = [uidl](quint32 n) -> qsizetype {
        const auto it = std::lower_bound(
            uidl->begin(), uidl->end(), n, [](const UidlEntry &e, quint32 v) { return e.message < v; });
        return (it != uidl->end() && it->message == n) ? qsizetype(it - uidl->begin()) : -1;
    };
    for (MessageInfo &m : out.messages) {
        const qsizetype i = find(m.number);
        if (i >= 0)
            used[size_t(i)] = true;
        if (i >= 0 && !contains(untrusted, m.number)) {
            m.uid = std::move((*uidl)[size_t(i)].uid);
            continue;
        }
        ++problems.withoutUid;
        if (i < 0 && !contains(untrusted, m.number))
            problems.add(ListingProblem { Kind::MissingUid, m.number, {} });
    }
    for (size_t i = 0; i < uidl->size(); ++i) {
        const UidlEntry &u = (*uidl)[i];
        if (used[i] || contains(unusable, u.message))
            continue;
        problems.add(ListingProblem { Kind::UidlForUnlisted, u.message,
            Poplar::ServerText(QByteArray(QByteArray::number(u.message) + ' ' + u.uid)) });
    }
    return out;
}

}  // namespace Pop3
