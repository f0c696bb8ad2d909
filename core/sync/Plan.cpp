#include "sync/Plan.h"

#include <QHash>

#include <algorithm>
#include <map>

namespace Sync {

using Poplar::Error;
using Poplar::ErrorCode;

namespace {

constexpr quint64 MiB = 1024 * 1024;

struct Item {
    const ServerMessage *message = nullptr;
    int occurrence = 1;
    const LedgerEntry *entry = nullptr;  // null: new, downloaded now
    bool partial = false;                // stored (or to be stored) in part only
    bool withoutKey = false;             // the server gave it no UIDL
    QDateTime firstSeen;
    std::optional<DeleteReason> deletion;
    bool held = false;  // to be deleted, but not safe to (counted in the plan once)
};

}  // namespace

Plan makePlan(const PlanInput &in)
{
    Plan plan;
    const Accounts::Policy &policy = in.policy;
    if (policy.leaveOnServer
        && (in.keys == KeySource::None || (in.keys == KeySource::Fallback && !in.fallbackAccepted))) {
        plan.refused = Error(ErrorCode::UidlUnsupported,
            in.keys == KeySource::None ? QStringLiteral("the server offers neither UIDL nor TOP")
                                       : QStringLiteral("the server offers no UIDL; the fallback was not accepted"));
        return plan;
    }
    const quint64 sizeLimit = quint64(policy.sizeLimitKb) * 1024;

    // Without keys nothing can be recognised: everything is downloaded and,
    // the policy being "delete after download", deleted once stored.
    if (in.keys == KeySource::None) {
        for (const ServerMessage &m : in.server) {
            const bool partial = sizeLimit && m.size > sizeLimit;
            plan.downloads.push_back({ m.number, {}, 1, m.size, partial });
            plan.downloadBytes += m.size;
            if (partial)
                ++plan.heldAsPartial;
            else
                plan.deletions.push_back({ m.number, {}, 1, m.size, DeleteReason::AfterDownload, true });
        }
        return plan;
    }

    std::map<std::pair<QByteArray, int>, const LedgerEntry *> ledger;
    for (const LedgerEntry &e : in.ledger)
        ledger[{ e.key, e.occurrence }] = &e;

    // Each message gets its key's occurrence number, in message order. A
    // ledger entry is this message only if the server lists it with the
    // size it had, and, if it was deleted there, while its copy is here to
    // show what it was: a reused UIDL names another message.
    QHash<QByteArray, int> seen;
    std::vector<Item> items;
    items.reserve(in.server.size());
    for (const ServerMessage &m : in.server) {
        Item item;
        item.message = &m;
        item.firstSeen = in.now;
        item.partial = sizeLimit && m.size > sizeLimit;
        if (m.key.isEmpty()) {
            // Left out of the UIDL list: downloaded, recognised by its
            // content if it is here already, and never deleted automatically.
            item.withoutKey = true;
            plan.downloads.push_back({ m.number, {}, 1, m.size, item.partial });
            plan.downloadBytes += m.size;
            items.push_back(item);
            continue;
        }
        item.occurrence = ++seen[m.key];
        auto found = ledger.find({ m.key, item.occurrence });
        const LedgerEntry *e = found != ledger.end() ? found->second : nullptr;
        const bool other = std::find(in.notTheSame.begin(), in.notTheSame.end(), LedgerKey { m.key, item.occurrence })
            != in.notTheSame.end();
        const bool confirmed = std::find(in.confirmed.begin(), in.confirmed.end(), LedgerKey { m.key, item.occurrence })
            != in.confirmed.end();
        if (e && !other && quint64(e->size) == m.size
            && (e->state != LedgerState::DeletedOnServer || (e->messageId != 0 && confirmed))) {
            item.entry = e;
            item.partial = e->state == LedgerState::Partial;
            item.firstSeen = e->firstSeenAt;
            ++plan.alreadyStored;
            if (e->state == LedgerState::DeletedOnServer)
                plan.reappeared.push_back({ m.key, item.occurrence });
            ledger.erase(found);
        } else {
            const bool replaces = found != ledger.end();
            if (replaces)
                ledger.erase(found);  // its message is gone: this one takes the key
            plan.downloads.push_back({ m.number, m.key, item.occurrence, m.size, item.partial, replaces });
            plan.downloadBytes += m.size;
        }
        items.push_back(item);
    }
    for (const auto &[key, entry] : ledger) {
        if (entry->state != LedgerState::DeletedOnServer)
            plan.vanished.push_back({ entry->key, entry->occurrence });
    }

    // A key the server repeats is only safe to delete once every message
    // carrying it is stored whole.
    QHash<QByteArray, bool> keyFullyStored;
    for (const Item &item : items) {
        if (item.withoutKey)
            continue;
        auto it = keyFullyStored.find(item.message->key);
        if (it == keyFullyStored.end())
            keyFullyStored.insert(item.message->key, !item.partial);
        else
            *it = *it && !item.partial;
    }
    // What keeps `item` on the server whatever the policy says: a counter
    // of the plan's, or none.
    auto heldBy = [&](const Item &item) -> int * {
        const Hold hold = item.entry ? item.entry->hold : Hold::None;
        if (item.withoutKey || hold == Hold::NoUidl)
            return &plan.heldWithoutUidl;
        if (hold == Hold::SizeMismatch)
            return &plan.heldForSizeMismatch;
        if (item.partial)
            return &plan.heldAsPartial;
        if (seen.value(item.message->key) > 1 && !keyFullyStored.value(item.message->key))
            return &plan.heldForDuplicateKeys;
        return nullptr;
    };
    // Deletes `item` for `reason` if that is safe; counts why not otherwise.
    auto deleteIfSafe = [&](Item &item, DeleteReason reason) {
        int *held = heldBy(item);
        if (!held) {
            item.deletion = reason;
            return true;
        }
        if (!item.held) {
            item.held = true;
            ++*held;
        }
        return false;
    };

    for (Item &item : items) {
        std::optional<DeleteReason> reason;
        if (!policy.leaveOnServer)
            reason = DeleteReason::AfterDownload;
        else if (policy.deleteWhenDeletedLocally && item.entry && item.entry->deletedLocallyAt.isValid())
            reason = DeleteReason::DeletedLocally;
        else if (policy.keepDays > 0 && item.firstSeen.addDays(policy.keepDays) <= in.now)
            reason = DeleteReason::KeepDays;
        if (reason)
            deleteIfSafe(item, *reason);
    }

    if (policy.leaveOnServer && (policy.keepCount > 0 || policy.keepMegabytes > 0)) {
        // What stays on the server, oldest first; the oldest go until the
        // rest fits both limits (what cannot go still counts).
        std::vector<Item *> staying;
        quint64 bytes = 0;
        for (Item &item : items) {
            if (!item.deletion) {
                staying.push_back(&item);
                bytes += item.message->size;
            }
        }
        std::stable_sort(
            staying.begin(), staying.end(), [](const Item *a, const Item *b) { return a->firstSeen < b->firstSeen; });
        qsizetype count = qsizetype(staying.size());
        const quint64 byteLimit = quint64(policy.keepMegabytes) * MiB;
        for (Item *item : staying) {
            const bool overCount = policy.keepCount > 0 && count > policy.keepCount;
            const bool overSize = policy.keepMegabytes > 0 && bytes > byteLimit;
            if (!overCount && !overSize)
                break;
            if (!deleteIfSafe(*item, overCount ? DeleteReason::KeepCount : DeleteReason::KeepSize))
                continue;
            --count;
            bytes -= item->message->size;
        }
    }

    for (const Item &item : items) {
        if (item.deletion)
            plan.deletions.push_back({ item.message->number, item.message->key, item.occurrence, item.message->size,
                *item.deletion, item.entry == nullptr });
    }
    return plan;
}

QList<quint32> deletableNow(const Plan &plan, const std::set<quint32> &committed, const std::set<quint32> &held)
{
    // Every message of this fetch carrying a key, for keys a broken server
    // repeats: none of them goes while one of them is not stored.
    std::map<QByteArray, std::vector<quint32>> downloadsByKey;
    for (const Download &d : plan.downloads) {
        if (!d.key.isEmpty())
            downloadsByKey[d.key].push_back(d.number);
    }
    QList<quint32> remove;
    for (const Deletion &d : plan.deletions) {
        // Invariant: DELE only for a message whose copy has committed.
        if (d.awaitsDownload && !committed.count(d.number))
            continue;
        if (held.count(d.number))
            continue;  // it arrived, but not as LIST announced it
        const auto same = downloadsByKey.find(d.key);
        if (same != downloadsByKey.end() && !std::all_of(same->second.begin(), same->second.end(), [&](quint32 n) {
                return committed.count(n) > 0;
            }))
            continue;
        remove << d.number;
    }
    return remove;
}

}  // namespace Sync
