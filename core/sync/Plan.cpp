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

    // Each message gets its key's occurrence number, in message order.
    QHash<QByteArray, int> seen;
    std::vector<Item> items;
    items.reserve(in.server.size());
    for (const ServerMessage &m : in.server) {
        Item item;
        item.message = &m;
        item.occurrence = ++seen[m.key];
        auto found = ledger.find({ m.key, item.occurrence });
        if (found != ledger.end()) {
            item.entry = found->second;
            item.partial = item.entry->state == LedgerState::Partial;
            item.firstSeen = item.entry->firstSeenAt;
            ++plan.alreadyStored;
            if (item.entry->state == LedgerState::DeletedOnServer)
                plan.reappeared.push_back({ m.key, item.occurrence });
            ledger.erase(found);
        } else {
            item.partial = sizeLimit && m.size > sizeLimit;
            item.firstSeen = in.now;
            plan.downloads.push_back({ m.number, m.key, item.occurrence, m.size, item.partial });
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
        auto it = keyFullyStored.find(item.message->key);
        if (it == keyFullyStored.end())
            keyFullyStored.insert(item.message->key, !item.partial);
        else
            *it = *it && !item.partial;
    }
    // Deletes `item` for `reason` if that is safe; counts why not otherwise.
    auto deleteIfSafe = [&](Item &item, DeleteReason reason) {
        if (!item.partial && (seen.value(item.message->key) == 1 || keyFullyStored.value(item.message->key))) {
            item.deletion = reason;
            return true;
        }
        if (!item.held) {
            item.held = true;
            ++(item.partial ? plan.heldAsPartial : plan.heldForDuplicateKeys);
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

}  // namespace Sync
