/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-kill.c: a process killed at any point of an import leaves the previous store intact. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sp-feed-generator.h"
#include "sp-store.h"
#include "sp-test-util.h"

/*
 * The store under test holds a small directory (the sample directory and a
 * generated feed of N_OVERLAP services). Then `signpost-cli import` of a
 * generated N_BIG-service feed, whose first N_OVERLAP services have the same
 * ids, is started again and again and SIGKILLed: after fixed delays, at given
 * points of reading the feed, and as the commit writes the write-ahead log.
 *
 * The import is one transaction, so after a kill the store must be exactly as
 * before, unless SQLite had already written the commit; then it must be
 * exactly as after a whole import. Which of the two is read off the WAL the
 * killed process left (a commit frame there means SQLite will replay it), not
 * guessed from the clock, so a slow or busy machine cannot make the test lie.
 */

#define N_BIG 20000
#define N_OVERLAP 100
#define POLL_US 200

typedef enum
{
  KILL_AFTER_DELAY,   /* amount: fraction of the time a whole import takes to reach its commit */
  KILL_AT_FEED_READ,  /* amount: fraction of the feed's bytes the importer has read */
  KILL_AT_WAL_SIZE,   /* amount: fraction of the WAL's size once a whole import has committed */
} KillTrigger;

typedef struct
{
  const char *label;
  KillTrigger trigger;
  double amount;
} KillPlan;

/* What a user would see of a store: its export, its counts. */
typedef struct
{
  GBytes *export;
  char *stats;        /* signpost-cli stats, without the line naming the store's path */
  gint64 services;
} Fingerprint;

typedef struct
{
  char *root;
  char *data_dir;       /* the store under test */
  char *scratch_dir;    /* where a whole import is timed and its result kept */
  char *baseline_copy;  /* a folder holding a copy of the baseline store's files */
  char *big_feed;
  char *big_feed_real;  /* as /proc shows it, symbolic links resolved */
  gint64 feed_size;
  gint64 time_to_commit;   /* µs from spawning the import to its first WAL write */
  gint64 time_whole;       /* µs from spawning the import to its exit */
  gint64 wal_committed;    /* bytes in the WAL once the import has committed */
  Fingerprint baseline;
  Fingerprint complete;
} Run;

static void
fingerprint_clear (Fingerprint *print)
{
  g_clear_pointer (&print->export, g_bytes_unref);
  g_clear_pointer (&print->stats, g_free);
}

static char *
store_file (const char *dir,
            const char *suffix)
{
  g_autofree char *name = g_strconcat ("directory.sqlite", suffix, NULL);
  return g_build_filename (dir, name, NULL);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : -1;
}

static void
cli_ok (char      **out,
        const char *command,
        const char *arg,
        const char *data_dir)
{
  g_autofree char *err = NULL;
  g_autofree char *ignored = NULL;
  int status;

  /* Never let the CLI write to the test's stdout, the TAP stream. */
  if (out == NULL)
    out = &ignored;
  if (arg != NULL)
    status = sp_test_run_cli (out, &err, command, arg, "--data-dir", data_dir, NULL);
  else
    status = sp_test_run_cli (out, &err, command, "--data-dir", data_dir, NULL);
  if (status != 0)
    g_error ("signpost-cli %s %s --data-dir %s exited with %d: %s", command, arg ? arg : "",
             data_dir, status, err);
}

/* The CLI opens the store first, so a killed import's leftovers are met by
 * the program users run, before the test's own checks. */
static void
fingerprint_take (Run         *run,
                  const char  *data_dir,
                  Fingerprint *print)
{
  g_autofree char *export_path = g_build_filename (run->root, "fingerprint.json", NULL);
  g_autofree char *export_arg = g_strconcat ("--output=", export_path, NULL);
  g_autofree char *stats = NULL;
  g_autofree char *db = store_file (data_dir, "");
  char *bytes = NULL;
  gsize length = 0;
  g_autoptr (SpStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GString) kept = g_string_new (NULL);
  gint64 listed = -1;

  cli_ok (NULL, "export", export_arg, data_dir);
  g_file_get_contents (export_path, &bytes, &length, &error);
  g_assert_no_error (error);
  print->export = g_bytes_new_take (bytes, length);
  g_remove (export_path);

  cli_ok (&stats, "stats", NULL, data_dir);
  lines = g_strsplit (stats, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "Store"))
        continue;
      if (g_str_has_prefix (lines[i], "Services"))
        listed = g_ascii_strtoll (lines[i] + strlen ("Services"), NULL, 10);
      g_string_append_printf (kept, "%s\n", lines[i]);
    }
  print->stats = g_string_free (g_steal_pointer (&kept), FALSE);

  store = sp_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (sp_store_check_integrity (store, &error));
  g_assert_no_error (error);
  print->services = sp_store_count (store, "service");
  g_assert_cmpint (print->services, ==, listed);
}

static gboolean
fingerprint_equal (const Fingerprint *a,
                   const Fingerprint *b)
{
  return a->services == b->services && g_str_equal (a->stats, b->stats) &&
         g_bytes_equal (a->export, b->export);
}

/* Copies the store's files (the WAL too, if any) and drops the shared-memory index. */
static void
store_copy (const char *from_dir,
            const char *to_dir)
{
  const char *suffixes[] = { "", "-wal" };
  g_autofree char *shm = store_file (to_dir, "-shm");

  g_assert_cmpint (g_mkdir_with_parents (to_dir, 0700), ==, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = store_file (from_dir, suffixes[i]);
      g_autofree char *to = store_file (to_dir, suffixes[i]);
      g_autoptr (GFile) source = g_file_new_for_path (from);
      g_autoptr (GFile) target = g_file_new_for_path (to);
      g_autoptr (GError) error = NULL;

      g_remove (to);
      if (g_file_test (from, G_FILE_TEST_EXISTS))
        {
          g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
          g_assert_no_error (error);
        }
    }
  g_remove (shm);
}

static guint32
read_be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

/*
 * Whether the WAL at @path holds a whole commit frame of its current
 * generation, which SQLite replays on the next open. Layout as in
 * https://sqlite.org/fileformat2.html#the_write_ahead_log: a 32-byte header
 * (page size at 8, salts at 16), then frames of a 24-byte header (database
 * size after a commit at 4, zero otherwise; salts at 8) and one page.
 */
static gboolean
wal_holds_commit (const char *path)
{
  guint8 header[32];
  guint8 frame[24];
  gboolean commit = FALSE;
  gint64 size = file_size (path);
  gint64 page_size;
  FILE *wal = fopen (path, "rb");

  if (wal == NULL)
    return FALSE;
  if (fread (header, 1, sizeof header, wal) == sizeof header)
    {
      page_size = read_be32 (header + 8) == 1 ? 65536 : read_be32 (header + 8);
      for (gint64 at = 32; page_size >= 512 && at + 24 + page_size <= size; at += 24 + page_size)
        {
          if (fseeko (wal, at, SEEK_SET) != 0 ||
              fread (frame, 1, sizeof frame, wal) != sizeof frame ||
              memcmp (frame + 8, header + 16, 8) != 0)
            break;
          if (read_be32 (frame + 4) != 0)
            {
              commit = TRUE;
              break;
            }
        }
    }
  fclose (wal);
  return commit;
}

static GPid
import_spawn (Run        *run,
              const char *data_dir)
{
  const char *argv[] = { g_getenv ("SIGNPOST_CLI"), "import", run->big_feed, "--quiet",
                         "--data-dir", data_dir, NULL };
  g_autoptr (GError) error = NULL;
  GPid pid = 0;

  g_assert_nonnull (argv[0]);
  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

/* How far process @pid has read through its descriptor @fd if that is
 * @path, from /proc/PID/fdinfo; -1 if it is not. */
static gint64
fd_position (GPid        pid,
             const char *fd,
             const char *path)
{
  g_autofree char *link = g_strdup_printf ("/proc/%d/fd/%s", (int) pid, fd);
  g_autofree char *target = g_file_read_link (link, NULL);
  g_autofree char *info_path = NULL;
  g_autofree char *info = NULL;
  const char *pos;

  if (g_strcmp0 (target, path) != 0)
    return -1;
  info_path = g_strdup_printf ("/proc/%d/fdinfo/%s", (int) pid, fd);
  if (!g_file_get_contents (info_path, &info, NULL, NULL) || (pos = strstr (info, "pos:")) == NULL)
    return -1;
  return g_ascii_strtoll (pos + strlen ("pos:"), NULL, 10);
}

/* How far process @pid has read @path; -1 while it has it not open. @fd
 * remembers the descriptor, so polling does not rescan them all. */
static gint64
feed_position (GPid        pid,
               const char *path,
               char      **fd)
{
  g_autofree char *fd_dir = NULL;
  g_autoptr (GDir) dir = NULL;
  const char *name;
  gint64 position;

  if (*fd != NULL && (position = fd_position (pid, *fd, path)) >= 0)
    return position;
  g_clear_pointer (fd, g_free);
  fd_dir = g_strdup_printf ("/proc/%d/fd", (int) pid);
  dir = g_dir_open (fd_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if ((position = fd_position (pid, name, path)) >= 0)
        {
          *fd = g_strdup (name);
          return position;
        }
    }
  return -1;
}

static gboolean
trigger_reached (Run            *run,
                 const KillPlan *plan,
                 GPid            pid,
                 gint64          elapsed,
                 const char     *wal,
                 char          **feed_fd)
{
  switch (plan->trigger)
    {
    case KILL_AFTER_DELAY:
      return elapsed >= plan->amount * run->time_to_commit;
    case KILL_AT_FEED_READ:
      return feed_position (pid, run->big_feed_real, feed_fd) >= plan->amount * run->feed_size;
    case KILL_AT_WAL_SIZE:
      return file_size (wal) >= MAX (1, plan->amount * run->wal_committed);
    default:
      g_assert_not_reached ();
    }
}

/*
 * Starts the big import on the store under test and SIGKILLs it when @plan
 * says. Returns TRUE if it was killed, FALSE if it finished (successfully)
 * first; @after_ms is when the kill (or the exit) came.
 */
static gboolean
import_and_kill (Run            *run,
                 const KillPlan *plan,
                 double         *after_ms)
{
  g_autofree char *wal = store_file (run->data_dir, "-wal");
  g_autofree char *feed_fd = NULL;
  gint64 start = g_get_monotonic_time ();
  GPid pid = import_spawn (run, run->data_dir);
  gboolean killed = FALSE;
  int status = 0;

  for (;;)
    {
      if (waitpid (pid, &status, WNOHANG) == pid)
        break;
      if (trigger_reached (run, plan, pid, g_get_monotonic_time () - start, wal, &feed_fd))
        {
          g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
          g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
          killed = WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL;
          break;
        }
      g_usleep (POLL_US);
    }
  *after_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_spawn_close_pid (pid);
  /* Exited before the kill landed: the import must have succeeded. */
  if (!killed && !(WIFEXITED (status) && WEXITSTATUS (status) == 0))
    g_error ("Import %s ended on its own with wait status 0x%x", plan->label, status);
  return killed;
}

/* Times a whole import in the scratch store, noting when its commit starts
 * writing the WAL and how large the WAL gets. */
static void
measure_whole_import (Run *run)
{
  g_autofree char *wal = store_file (run->scratch_dir, "-wal");
  gint64 start = g_get_monotonic_time ();
  GPid pid = import_spawn (run, run->scratch_dir);
  int status = 0;

  run->time_to_commit = -1;
  while (waitpid (pid, &status, WNOHANG) != pid)
    {
      gint64 size = file_size (wal);
      if (size > 0 && run->time_to_commit < 0)
        run->time_to_commit = g_get_monotonic_time () - start;
      run->wal_committed = MAX (run->wal_committed, size);
      g_usleep (POLL_US);
    }
  run->time_whole = g_get_monotonic_time () - start;
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  /* The store is in WAL mode and an import of this size writes pages. */
  g_assert_cmpint (run->wal_committed, >, 0);
  g_assert_cmpint (run->time_to_commit, >, 0);
}

static void
run_set_up (Run *run)
{
  g_autofree char *sample = sp_test_source_path ("data", "sample-directory.json", NULL);
  g_autofree char *overlap = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start;

  run->root = sp_test_make_tmpdir ();
  run->data_dir = g_build_filename (run->root, "store", NULL);
  run->scratch_dir = g_build_filename (run->root, "scratch", NULL);
  run->baseline_copy = g_build_filename (run->root, "baseline", NULL);
  overlap = g_build_filename (run->root, "overlap.json", NULL);
  run->big_feed = g_build_filename (run->root, "big.json", NULL);

  /* Same ids as the big feed's first services, other names and descriptions. */
  g_assert_true (sp_feed_generate (overlap, N_OVERLAP, 7, &error));
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  g_assert_true (sp_feed_generate (run->big_feed, N_BIG, 2026, &error));
  g_assert_no_error (error);
  run->feed_size = file_size (run->big_feed);
  run->big_feed_real = realpath (run->big_feed, NULL);
  g_assert_nonnull (run->big_feed_real);
  g_test_message ("Generated %d services (%.1f MB) in %.1f s", N_BIG, run->feed_size / 1048576.0,
                  (g_get_monotonic_time () - start) / 1e6);

  cli_ok (NULL, "import", sample, run->data_dir);
  cli_ok (NULL, "import", overlap, run->data_dir);
  fingerprint_take (run, run->data_dir, &run->baseline);
  g_assert_cmpint (run->baseline.services, ==, 158 + N_OVERLAP);
  store_copy (run->data_dir, run->baseline_copy);
  store_copy (run->data_dir, run->scratch_dir);

  measure_whole_import (run);
  g_test_message ("A whole import: %.2f s; its commit starts at %.2f s and writes a %.1f MB WAL",
                  run->time_whole / 1e6, run->time_to_commit / 1e6, run->wal_committed / 1048576.0);
  fingerprint_take (run, run->scratch_dir, &run->complete);
  g_assert_cmpint (run->complete.services, ==, run->baseline.services + N_BIG - N_OVERLAP);
  /* Or the comparisons after each kill could not tell the two apart. */
  g_assert_false (fingerprint_equal (&run->baseline, &run->complete));
}

static void
run_tear_down (Run *run)
{
  fingerprint_clear (&run->baseline);
  fingerprint_clear (&run->complete);
  sp_test_remove_tree (run->root);
  g_free (run->root);
  g_free (run->data_dir);
  g_free (run->scratch_dir);
  g_free (run->baseline_copy);
  g_free (run->big_feed);
  free (run->big_feed_real);
}

/* A whole import into the store under test ends where the scratch store did. */
static void
import_to_completion (Run *run)
{
  g_autofree char *expected = g_strdup_printf ("%d new, %d updated, 0 unchanged, 0 skipped",
                                               N_BIG - N_OVERLAP, N_OVERLAP);
  g_autofree char *summary = NULL;
  Fingerprint after = { 0 };

  cli_ok (&summary, "import", run->big_feed, run->data_dir);
  g_assert_nonnull (strstr (summary, expected));
  fingerprint_take (run, run->data_dir, &after);
  g_assert_cmpint (after.services, ==, run->baseline.services + N_BIG - N_OVERLAP);
  g_assert_true (fingerprint_equal (&after, &run->complete));
  fingerprint_clear (&after);
}

static void
test_killed_import (void)
{
  static const KillPlan plans[] = {
    { "at once", KILL_AFTER_DELAY, 0.0 },
    { "after 20% of the time to commit", KILL_AFTER_DELAY, 0.2 },
    { "after 40% of the time to commit", KILL_AFTER_DELAY, 0.4 },
    { "after 60% of the time to commit", KILL_AFTER_DELAY, 0.6 },
    { "after 80% of the time to commit", KILL_AFTER_DELAY, 0.8 },
    { "with 10% of the feed read", KILL_AT_FEED_READ, 0.1 },
    { "with 60% of the feed read", KILL_AT_FEED_READ, 0.6 },
    { "with 95% of the feed read", KILL_AT_FEED_READ, 0.95 },
    { "as the commit starts writing the WAL", KILL_AT_WAL_SIZE, 0.01 },
    { "half-way through writing the WAL", KILL_AT_WAL_SIZE, 0.5 },
    { "once the WAL is written, while checkpointing", KILL_AT_WAL_SIZE, 1.0 },
  };
  g_autofree char *wal = NULL;
  Run run = { 0 };
  guint before_commit = 0;
  gboolean can_see_reads = g_file_test ("/proc/self/fdinfo", G_FILE_TEST_IS_DIR);

  run_set_up (&run);
  wal = store_file (run.data_dir, "-wal");

  for (gsize i = 0; i < G_N_ELEMENTS (plans); i++)
    {
      const KillPlan *plan = &plans[i];
      Fingerprint after = { 0 };
      gboolean killed, committed;
      double after_ms;
      gint64 wal_left;

      if (plan->trigger == KILL_AT_FEED_READ && !can_see_reads)
        {
          g_test_message ("Kill %s: skipped, /proc/PID/fdinfo is not available", plan->label);
          continue;
        }
      killed = import_and_kill (&run, plan, &after_ms);
      committed = !killed || wal_holds_commit (wal);
      wal_left = file_size (wal);
      fingerprint_take (&run, run.data_dir, &after);
      g_test_message ("Kill %s: %s after %.0f ms, WAL left %.1f MB, %s", plan->label,
                      killed ? "killed" : "finished", after_ms, MAX (wal_left, 0) / 1048576.0,
                      committed ? "after the commit" : "before the commit");
      if (committed)
        {
          /* The commit was on disk: all of the import, never some of it. */
          if (!fingerprint_equal (&after, &run.complete))
            g_error ("Import killed %s after it committed: the store holds %" G_GINT64_FORMAT
                     " services, not the %" G_GINT64_FORMAT " of a whole import (or differs)",
                     plan->label, after.services, run.complete.services);
          store_copy (run.baseline_copy, run.data_dir);
        }
      else
        {
          if (!fingerprint_equal (&after, &run.baseline))
            g_error ("Import killed %s: the store holds %" G_GINT64_FORMAT " services, not the %"
                     G_GINT64_FORMAT " it held before (or differs from what it held)",
                     plan->label, after.services, run.baseline.services);
          before_commit++;
        }
      fingerprint_clear (&after);
    }
  /* Most kills must have landed mid-import, or the test tested nothing. */
  g_assert_cmpuint (before_commit, >=, G_N_ELEMENTS (plans) / 2);

  /* After all that, one import left alone does the whole job. */
  import_to_completion (&run);
  run_tear_down (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/signpost/kill/import-killed-anywhere", test_killed_import);
  return g_test_run ();
}
