/*
 * z3shim.c: lets the Microsoft.Z3 4.12.2 managed wrapper run over Debian's libz3.so.4 (4.8.12).
 *
 * Built by `dotnet build` (see Flatness.Symbolic.csproj) as `libz3.so` in the output folder and linked
 * against libz3.so.4, so every Z3 symbol this file does not define resolves to the real library.
 *
 * Why it exists (../shared/toolchain.md, "Z3 on Linux"):
 *  - 4.12's wrapper calls Z3_enable_concurrent_dec_ref on every context; 4.8.12 lacks it.
 *  - 4.12's wrapper releases Z3 objects from the garbage collector's finalizer thread while the user's
 *    thread may be inside Z3. 4.12 queues those releases internally; 4.8.12 does not, and a no-op stub
 *    crashes. This shim therefore *queues* every *_dec_ref per context and drains a context's queue on
 *    that context's next *_inc_ref (which runs on the thread that uses the context). Z3_del_context
 *    drops the context's pending entries (the context frees everything it owns).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

typedef void *Z3_context;
typedef void *Z3_obj;
typedef void (*ref_fn)(Z3_context, Z3_obj);
typedef void (*ctx_fn)(Z3_context);

struct pending { ref_fn release; Z3_obj obj; };
struct ctx_queue {
    Z3_context ctx;
    struct pending *items;
    size_t count, capacity;
    struct ctx_queue *next;
};

static pthread_mutex_t queues_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ctx_queue *queues = NULL;
static void *real_lib = NULL;

static void *real_symbol(const char *name) {
    if (real_lib == NULL) {
        real_lib = dlopen("libz3.so.4", RTLD_NOW | RTLD_LOCAL);
        if (real_lib == NULL) {
            fprintf(stderr, "z3shim: cannot open libz3.so.4: %s\n", dlerror());
            abort();
        }
    }
    void *f = dlsym(real_lib, name);
    if (f == NULL) {
        fprintf(stderr, "z3shim: libz3.so.4 has no %s\n", name);
        abort();
    }
    return f;
}

/* Caller holds queues_lock. */
static struct ctx_queue *find_queue(Z3_context ctx, int create) {
    for (struct ctx_queue *q = queues; q != NULL; q = q->next)
        if (q->ctx == ctx) return q;
    if (!create) return NULL;
    struct ctx_queue *q = calloc(1, sizeof *q);
    if (q == NULL) abort();
    q->ctx = ctx;
    q->next = queues;
    queues = q;
    return q;
}

static void enqueue(Z3_context ctx, ref_fn release, Z3_obj obj) {
    if (obj == NULL) return;
    pthread_mutex_lock(&queues_lock);
    struct ctx_queue *q = find_queue(ctx, 1);
    if (q->count == q->capacity) {
        size_t cap = q->capacity ? 2 * q->capacity : 64;
        struct pending *grown = realloc(q->items, cap * sizeof *grown);
        if (grown == NULL) abort();
        q->items = grown;
        q->capacity = cap;
    }
    q->items[q->count].release = release;
    q->items[q->count].obj = obj;
    q->count++;
    pthread_mutex_unlock(&queues_lock);
}

/* Runs the queued releases of ctx on the calling thread (the thread that uses ctx). */
static void drain(Z3_context ctx) {
    for (;;) {
        pthread_mutex_lock(&queues_lock);
        struct ctx_queue *q = find_queue(ctx, 0);
        if (q == NULL || q->count == 0) { pthread_mutex_unlock(&queues_lock); return; }
        size_t n = q->count;
        struct pending *batch = malloc(n * sizeof *batch);
        if (batch == NULL) abort();
        for (size_t i = 0; i < n; i++) batch[i] = q->items[i];
        q->count = 0;
        pthread_mutex_unlock(&queues_lock);
        for (size_t i = 0; i < n; i++) batch[i].release(ctx, batch[i].obj);
        free(batch);
    }
}

void Z3_enable_concurrent_dec_ref(Z3_context ctx) { (void)ctx; /* queueing is always on */ }

void Z3_del_context(Z3_context ctx) {
    static ctx_fn real_del = NULL;
    if (real_del == NULL) real_del = (ctx_fn)real_symbol("Z3_del_context");
    pthread_mutex_lock(&queues_lock);
    struct ctx_queue **link = &queues;
    while (*link != NULL && (*link)->ctx != ctx) link = &(*link)->next;
    if (*link != NULL) {
        struct ctx_queue *dead = *link;
        *link = dead->next;
        free(dead->items);
        free(dead);
    }
    pthread_mutex_unlock(&queues_lock);
    real_del(ctx);
}

#define REF_PAIR(inc_name, dec_name)                                              \
    void inc_name(Z3_context ctx, Z3_obj obj) {                                   \
        static ref_fn real = NULL;                                                \
        if (real == NULL) real = (ref_fn)real_symbol(#inc_name);                  \
        drain(ctx);                                                               \
        real(ctx, obj);                                                           \
    }                                                                             \
    void dec_name(Z3_context ctx, Z3_obj obj) {                                   \
        static ref_fn real = NULL;                                                \
        if (real == NULL) real = (ref_fn)real_symbol(#dec_name);                  \
        enqueue(ctx, real, obj);                                                  \
    }

REF_PAIR(Z3_inc_ref, Z3_dec_ref)
REF_PAIR(Z3_params_inc_ref, Z3_params_dec_ref)
REF_PAIR(Z3_param_descrs_inc_ref, Z3_param_descrs_dec_ref)
REF_PAIR(Z3_model_inc_ref, Z3_model_dec_ref)
REF_PAIR(Z3_func_interp_inc_ref, Z3_func_interp_dec_ref)
REF_PAIR(Z3_func_entry_inc_ref, Z3_func_entry_dec_ref)
REF_PAIR(Z3_goal_inc_ref, Z3_goal_dec_ref)
REF_PAIR(Z3_tactic_inc_ref, Z3_tactic_dec_ref)
REF_PAIR(Z3_probe_inc_ref, Z3_probe_dec_ref)
REF_PAIR(Z3_apply_result_inc_ref, Z3_apply_result_dec_ref)
REF_PAIR(Z3_solver_inc_ref, Z3_solver_dec_ref)
REF_PAIR(Z3_stats_inc_ref, Z3_stats_dec_ref)
REF_PAIR(Z3_ast_vector_inc_ref, Z3_ast_vector_dec_ref)
REF_PAIR(Z3_ast_map_inc_ref, Z3_ast_map_dec_ref)
REF_PAIR(Z3_fixedpoint_inc_ref, Z3_fixedpoint_dec_ref)
REF_PAIR(Z3_optimize_inc_ref, Z3_optimize_dec_ref)
