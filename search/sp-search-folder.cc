/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-folder.cc: the index folder shared by every program on a data folder.
 *
 * The app, a kiosk, signpost-cli and the hub may all use one data folder at once, and any
 * of them may find the index out of date and bring it up to date. So the folder is laid
 * out for several processes:
 *
 *   search-index/lock        held (flock, exclusive) by whoever writes the index
 *   search-index/current     a symbolic link to the generation in use, "g-<random>"
 *   search-index/g-<random>  a complete Xapian database
 *   search-index/failed      why the last build failed, and for which store (see
 *                            record_failed_build), so that it is not tried again and again
 *
 * A rebuild writes a new generation beside the one in use and, once it is complete,
 * swaps `current` to it with one rename(): a reader sees the old index or the new one,
 * never half of one. An update after an import changes the current generation in place,
 * which Xapian makes safe for readers (they reopen on the next revision). Only the holder
 * of the lock builds, updates or removes generations, so whatever else it finds in the
 * folder was left by a program that died mid-build (or by an older Signpost, whose index
 * was the folder itself) and is removed.
 */
#include "config.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sp-search-index-private.hh"

namespace sp_search {

namespace {

constexpr const char *LOCK_NAME = "lock";
constexpr const char *CURRENT_NAME = "current";
constexpr const char *GENERATION_PREFIX = "g-";
constexpr const char *FAILED_NAME = "failed";

bool
is_generation_name (const std::string &name)
{
  return name.size () > 2 && name.compare (0, 2, GENERATION_PREFIX) == 0 &&
         name.find ('/') == std::string::npos && name.find ('.') == std::string::npos;
}

} /* namespace */

std::string
folder_child (const std::string &folder,
              const std::string &name)
{
  return folder + G_DIR_SEPARATOR_S + name;
}

/* The generation `current` points at, or "" when there is none (a new folder, or one an
 * older Signpost left). */
std::string
current_generation (const std::string &folder)
{
  std::string link = folder_child (folder, CURRENT_NAME);
  char target[256];
  ssize_t len = readlink (link.c_str (), target, sizeof target - 1);

  if (len <= 0)
    return "";
  target[len] = '\0';
  return is_generation_name (target) ? std::string (target) : std::string ();
}

std::string
new_generation_name (void)
{
  return std::string (GENERATION_PREFIX) + std::to_string (g_get_real_time ()) + "-" +
         std::to_string (g_random_int ());
}

/* Makes @name the generation in use, atomically: a new link under a name of its own,
 * renamed over the old one. */
void
publish_generation (const std::string &folder,
                    const std::string &name)
{
  std::string link = folder_child (folder, CURRENT_NAME);
  std::string fresh = link + ".new";

  g_remove (fresh.c_str ());
  if (symlink (name.c_str (), fresh.c_str ()) != 0)
    throw std::runtime_error (std::string ("cannot record the new index: ") + g_strerror (errno));
  if (g_rename (fresh.c_str (), link.c_str ()) != 0)
    {
      int saved = errno;
      g_remove (fresh.c_str ());
      throw std::runtime_error (std::string ("cannot put the new index in place: ") + g_strerror (saved));
    }
}

/* Removes a folder and everything in it; quiet if it is not there. */
void
remove_tree (const std::string &path)
{
  g_autoptr (GDir) dir = g_dir_open (path.c_str (), 0, nullptr);
  const char *name;

  if (dir == nullptr)
    {
      g_remove (path.c_str ());
      return;
    }
  while ((name = g_dir_read_name (dir)) != nullptr)
    {
      std::string child = folder_child (path, name);
      if (g_file_test (child.c_str (), G_FILE_TEST_IS_DIR) && !g_file_test (child.c_str (), G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child.c_str ());
    }
  g_rmdir (path.c_str ());
}

/* Under the lock: removes everything but the lock, the link and the generation in use —
 * older generations (a reader that still has one open keeps reading its open files),
 * half-built ones and the files of an index an older Signpost kept in the folder itself. */
void
remove_unused (const std::string &folder)
{
  std::string keep = current_generation (folder);
  g_autoptr (GDir) dir = g_dir_open (folder.c_str (), 0, nullptr);
  const char *name;

  if (dir == nullptr)
    return;
  while ((name = g_dir_read_name (dir)) != nullptr)
    {
      if (std::strcmp (name, LOCK_NAME) == 0 || std::strcmp (name, CURRENT_NAME) == 0 ||
          std::strcmp (name, FAILED_NAME) == 0 || (!keep.empty () && keep == name))
        continue;
      remove_tree (folder_child (folder, name));
    }
}

/* The disk space the files under @path take, in bytes; 0 when there is nothing there. */
guint64
tree_size (const std::string &path)
{
  struct stat st;
  g_autoptr (GDir) dir = nullptr;
  guint64 total = 0;
  const char *name;

  if (lstat (path.c_str (), &st) != 0)
    return 0;
  if (!S_ISDIR (st.st_mode))
    return (guint64) st.st_blocks * 512;
  dir = g_dir_open (path.c_str (), 0, nullptr);
  while (dir != nullptr && (name = g_dir_read_name (dir)) != nullptr)
    total += tree_size (folder_child (path, name));
  return total;
}

/* Throws DiskFull when the disk holding @folder has less than @needed bytes free. */
void
ensure_room (const std::string &folder,
             guint64            needed)
{
  struct statvfs fs;

  if (statvfs (folder.c_str (), &fs) != 0)
    return;  /* no answer: let the write itself find out */
  guint64 available = (guint64) fs.f_bavail * fs.f_frsize;
  if (available < needed)
    throw DiskFull (folder, available, needed);
}

/* Notes that a build for the store and thesaurus that @key names failed, and why. */
void
record_failed_build (const std::string &folder,
                     const std::string &key,
                     const std::string &why)
{
  std::string text = key + "\n" + why;

  /* Best effort: without the note the next program only tries again. */
  g_file_set_contents (folder_child (folder, FAILED_NAME).c_str (), text.c_str (), -1, nullptr);
}

/* Why the last build for @key failed, or "" when it did not (or was for another key). */
std::string
failed_build (const std::string &folder,
              const std::string &key)
{
  g_autofree char *text = nullptr;

  if (!g_file_get_contents (folder_child (folder, FAILED_NAME).c_str (), &text, nullptr, nullptr))
    return "";
  std::string note (text);
  if (note.size () <= key.size () || note.compare (0, key.size (), key) != 0 || note[key.size ()] != '\n')
    return "";
  return note.substr (key.size () + 1);
}

void
forget_failed_build (const std::string &folder)
{
  g_remove (folder_child (folder, FAILED_NAME).c_str ());
}

/* Opens (creating) the folder's lock file. Returns -1 with errno set when the folder
 * cannot be written. */
static int
open_lock_file (const std::string &folder)
{
  std::string path = folder_child (folder, LOCK_NAME);
  int fd;

  if (g_mkdir_with_parents (folder.c_str (), 0755) != 0)
    return -1;
  /* A lock file we may only read would do for flock, but a folder we cannot write is of
   * no use to a writer anyway. */
  fd = open (path.c_str (), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  return fd;
}

FolderLock::~FolderLock ()
{
  release ();
}

void
FolderLock::release (void)
{
  if (fd >= 0)
    {
      flock (fd, LOCK_UN);
      close (fd);
      fd = -1;
    }
}

/* Takes the lock. With @wait, waits for another program's build or update to end (up to
 * @timeout_us), calling @waiting once if it has to; without, returns BUSY at once. In a
 * folder this program cannot write it still tells whether another program is writing
 * (BUSY: wait for it, or use the index as it is) or not (NOT_WRITABLE). */
FolderLock::Result
FolderLock::acquire (const std::string &folder,
                     bool               wait,
                     gint64             timeout_us,
                     SpSearchWaitFunc   waiting,
                     gpointer           user_data)
{
  gint64 deadline = g_get_monotonic_time () + timeout_us;
  bool told = false;
  bool writable;

  if (fd >= 0)
    return Result::ACQUIRED;
  fd = open_lock_file (folder);
  writable = fd >= 0;
  if (!writable)
    {
      saved_errno = errno;
      fd = open (folder_child (folder, LOCK_NAME).c_str (), O_RDONLY | O_CLOEXEC);
      if (fd < 0)
        return Result::NOT_WRITABLE;
    }
  for (;;)
    {
      if (flock (fd, (writable ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0)
        {
          if (writable)
            return Result::ACQUIRED;
          release ();
          return Result::NOT_WRITABLE;
        }
      if (errno != EWOULDBLOCK && errno != EINTR)
        break;
      if (!wait || g_get_monotonic_time () > deadline)
        break;
      if (!told && waiting != nullptr)
        waiting (user_data);
      told = true;
      g_usleep (50 * 1000);
    }
  close (fd);
  fd = -1;
  return Result::BUSY;
}

/* Where an index of a store whose own folder cannot be written is kept instead: the
 * user's cache, one folder per store. */
std::string
private_folder_for (const char *store_path)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA1, store_path, -1);
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "signpost",
                                            (std::string ("search-index-") + digest).c_str (), nullptr);
  return path;
}

} /* namespace sp_search */
