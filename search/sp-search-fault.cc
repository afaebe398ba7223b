/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-fault.cc: making the index fail on purpose at named points, for tests only.
 *
 * Each point of sp-search-fault.h is a call to sp_search::fault_point() just before the
 * Xapian call or allocation it stands for. Normally it does nothing; after
 * sp_search_fault_inject() it throws what that call would throw when it fails, so a test
 * can walk every path by which an exception reaches an exported function and check that
 * it comes out as a GError. Points are counted from every thread.
 */
#include "config.h"

#include <cerrno>
#include <new>

#include "sp-search-fault.h"
#include "sp-search-index-private.hh"

namespace {

struct Plan
{
  gint skip;    /* hits to let pass first */
  gint count;   /* hits that then fail */
};

Plan plans[SP_SEARCH_N_FAULTS];
GMutex plans_lock;
/* Whether any point may fail: when none may, as outside tests, a point costs one read. */
gint armed;

} /* namespace */

/**
 * sp_search_fault_inject:
 * @point: where
 * @skip: how many times to let @point pass first
 * @count: how many times after that it fails
 *
 * Makes @point fail @count times, after letting it pass @skip times. For tests.
 */
void
sp_search_fault_inject (SpSearchFault point,
                        guint         skip,
                        guint         count)
{
  g_return_if_fail (point < SP_SEARCH_N_FAULTS);

  g_mutex_lock (&plans_lock);
  plans[point].skip = (gint) skip;
  plans[point].count = (gint) count;
  g_atomic_int_set (&armed, 1);
  g_mutex_unlock (&plans_lock);
}

/* Lets every point pass again. */
void
sp_search_fault_reset (void)
{
  g_mutex_lock (&plans_lock);
  for (Plan &plan : plans)
    plan = Plan ();
  g_atomic_int_set (&armed, 0);
  g_mutex_unlock (&plans_lock);
}

namespace sp_search {

void
fault_point (SpSearchFault point)
{
  bool fail = false;

  if (!g_atomic_int_get (&armed))
    return;
  g_mutex_lock (&plans_lock);
  Plan &plan = plans[point];
  if (plan.skip > 0)
    plan.skip--;
  else if (plan.count > 0)
    {
      plan.count--;
      fail = true;
    }
  g_mutex_unlock (&plans_lock);
  if (!fail)
    return;

  switch (point)
    {
    case SP_SEARCH_FAULT_OPEN:
      throw Xapian::DatabaseOpeningError ("cannot open the index (a failure made on purpose)");
    case SP_SEARCH_FAULT_REOPEN:
      throw Xapian::DatabaseError ("cannot reopen the index (a failure made on purpose)");
    case SP_SEARCH_FAULT_ALLOC:
      throw std::bad_alloc ();
    case SP_SEARCH_FAULT_WRITE:
      throw Xapian::DatabaseError ("Error writing to file (a failure made on purpose)", ENOSPC);
    case SP_SEARCH_FAULT_DAMAGED:
      throw Xapian::DatabaseCorruptError ("Too few chunks of compressed data (a failure made on purpose)");
    case SP_SEARCH_N_FAULTS:
    default:
      break;
    }
}

} /* namespace sp_search */
