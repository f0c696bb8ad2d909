// A constant one-way delay for the latency benchmark, where the kernel has no
// netem: every packet an iptables rule sends to netfilter queue QUEUE is held
// DELAY_MS milliseconds (fractions allowed) and then accepted.
//
//   poplar-bench-delay QUEUE DELAY_MS
//
// run_latency_bench.sh starts one inside each of its two network namespaces
// and sends that namespace's ingress from the veth pair through the queue
// (mangle PREROUTING), so each direction is delayed once and the round trip
// grows by 2 × DELAY_MS. Holding packets on ingress rather than egress keeps
// TCP's own pacing in charge: a packet held on the sender's side still counts
// against its socket's small-queue budget and throttles the sender.
//
// The delay is the same for every packet, so packets leave in the order they
// came and one batch verdict releases everything that is due. Only the
// packet's metadata is copied to this process and GSO packets stay whole, so
// a packet costs one netlink message each way. SIGTERM or SIGINT releases
// every packet still held, then exits; the iptables rule has no bypass, so
// while no process serves the queue the link carries nothing at all (a delay
// that silently vanished would make the figures lie).

#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <string>

#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>

// After the C library's network headers: the kernel's <linux/in.h>, which
// these pull in, steps aside only when <netinet/in.h> came first.
#include <libnetfilter_queue/libnetfilter_queue.h>
#include <linux/netfilter.h>

namespace {

struct Held {
    std::uint32_t id;
    std::uint64_t dueNs;
};

struct Delay {
    std::uint64_t delayNs = 0;
    std::deque<Held> held;  // oldest first; ids rise in arrival order
    std::uint64_t packets = 0;
    std::size_t mostHeld = 0;
};

volatile std::sig_atomic_t g_stop = 0;

void onSignal(int)
{
    g_stop = 1;
}

std::uint64_t nowNs()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return std::uint64_t(ts.tv_sec) * 1000000000u + std::uint64_t(ts.tv_nsec);
}

int onPacket(nfq_q_handle *, nfgenmsg *, nfq_data *data, void *context)
{
    auto *delay = static_cast<Delay *>(context);
    const nfqnl_msg_packet_hdr *header = nfq_get_msg_packet_hdr(data);
    if (!header)
        return 0;
    delay->held.push_back({ ntohl(header->packet_id), nowNs() + delay->delayNs });
    ++delay->packets;
    if (delay->held.size() > delay->mostHeld)
        delay->mostHeld = delay->held.size();
    return 0;
}

// Accepts every held packet up to and including `last`.
bool release(nfq_q_handle *queue, std::uint32_t last)
{
    if (nfq_set_verdict_batch(queue, last, NF_ACCEPT) < 0) {
        std::perror("poplar-bench-delay: verdict");
        return false;
    }
    return true;
}

bool parseArguments(int argc, char **argv, int *queueNumber, double *delayMs)
{
    if (argc != 3)
        return false;
    char *end = nullptr;
    const long queue = std::strtol(argv[1], &end, 10);
    if (*end != '\0' || end == argv[1] || queue < 0 || queue > 65535)
        return false;
    const double ms = std::strtod(argv[2], &end);
    if (*end != '\0' || end == argv[2] || !std::isfinite(ms) || ms < 0 || ms > 60000)
        return false;
    *queueNumber = int(queue);
    *delayMs = ms;
    return true;
}

}  // namespace

int main(int argc, char **argv)
{
    int queueNumber = 0;
    double delayMs = 0;
    if (!parseArguments(argc, argv, &queueNumber, &delayMs)) {
        std::fprintf(stderr, "usage: poplar-bench-delay QUEUE DELAY_MS\n");
        return 2;
    }
    Delay delay;
    delay.delayNs = std::uint64_t(std::llround(delayMs * 1e6));

    // The signals are blocked except while waiting in ppoll(), so a SIGTERM
    // can never slip in between the check of g_stop and the wait.
    struct sigaction action {
    };
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    sigset_t blocked;
    sigset_t waiting;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGTERM);
    sigaddset(&blocked, SIGINT);
    sigprocmask(SIG_BLOCK, &blocked, &waiting);
    sigdelset(&waiting, SIGTERM);
    sigdelset(&waiting, SIGINT);

    nfq_handle *handle = nfq_open();
    if (!handle) {
        std::perror("poplar-bench-delay: nfq_open");
        return 1;
    }
    nfq_q_handle *queue = nfq_create_queue(handle, std::uint16_t(queueNumber), &onPacket, &delay);
    if (!queue) {
        std::perror("poplar-bench-delay: nfq_create_queue");
        nfq_close(handle);
        return 1;
    }
    if (nfq_set_mode(queue, NFQNL_COPY_META, 0) < 0) {
        std::perror("poplar-bench-delay: nfq_set_mode");
        nfq_destroy_queue(queue);
        nfq_close(handle);
        return 1;
    }
    // Room for a few seconds of a fast link at the longest delay; the kernel
    // drops what does not fit, which TCP then sees as loss.
    nfq_set_queue_maxlen(queue, 200000);
    nfq_set_queue_flags(queue, NFQA_CFG_F_GSO, NFQA_CFG_F_GSO);
    const int fd = nfq_fd(handle);
    nfnl_rcvbufsiz(nfq_nfnlh(handle), 64u << 20);
    const int one = 1;
    setsockopt(fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, &one, sizeof one);
    std::fprintf(stderr, "poplar-bench-delay: queue %d, %.3f ms\n", queueNumber, delayMs);

    alignas(16) static char buffer[1 << 16];
    bool ok = true;
    while (!g_stop && ok) {
        timespec timeout {};
        timespec *wait = nullptr;
        if (!delay.held.empty()) {
            const std::uint64_t now = nowNs();
            const std::uint64_t due = delay.held.front().dueNs;
            const std::uint64_t left = due > now ? due - now : 0;
            timeout.tv_sec = time_t(left / 1000000000u);
            timeout.tv_nsec = long(left % 1000000000u);
            wait = &timeout;
        }
        pollfd p { fd, POLLIN, 0 };
        const int ready = ppoll(&p, 1, wait, &waiting);
        if (ready < 0 && errno != EINTR) {
            std::perror("poplar-bench-delay: ppoll");
            break;
        }
        if (ready > 0) {
            while (true) {
                const ssize_t n = recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
                if (n < 0) {
                    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR && errno != ENOBUFS)
                        std::perror("poplar-bench-delay: recv");
                    break;
                }
                nfq_handle_packet(handle, buffer, int(n));
            }
        }
        const std::uint64_t now = nowNs();
        bool due = false;
        std::uint32_t last = 0;
        while (!delay.held.empty() && delay.held.front().dueNs <= now) {
            last = delay.held.front().id;
            delay.held.pop_front();
            due = true;
        }
        if (due)
            ok = release(queue, last);
    }
    if (!delay.held.empty())
        ok = release(queue, delay.held.back().id) && ok;
    std::fprintf(stderr, "poplar-bench-delay: queue %d done, %llu packets, at most %zu held at once\n", queueNumber,
        static_cast<unsigned long long>(delay.packets), delay.mostHeld);
    nfq_destroy_queue(queue);
    nfq_close(handle);
    return ok ? 0 : 1;
}
