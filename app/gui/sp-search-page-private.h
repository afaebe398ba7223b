/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-page-private.h: what the files of SpSearchPage share: its fields and helpers. */
#pragma once

#include "sp-search-page.h"

G_BEGIN_DECLS

/* Results listed at first, and again each time the list is scrolled to its end (or "Show
 * more" pressed). A screenful, not more: GTK 4.8's list view makes a row for every item up
 * to 200, and laying out each row's wrapped text is what a keystroke spends its frame on. */
#define RESULT_PAGE 12

struct _SpSearchPage
{
  GtkWidget parent_instance;

  AdwHeaderBar *header;
  AdwWindowTitle *window_title;
  GtkLabel *directory_status_label;
  GtkWidget *main_menu_button;
  GtkWidget *text_button;
  GtkBox *text_popover_box;
  GtkToggleButton *saved_button;
  AdwButtonContent *saved_content;
  GtkBox *kiosk_bar;
  GtkSearchEntry *entry;
  GtkBox *filters;
  GtkWidget *category_chip;
  AdwButtonContent *category_chip_content;
  GtkToggleButton *free_toggle;
  GtkToggleButton *open_now_toggle;
  GtkToggleButton *wheelchair_toggle;
  GtkDropDown *day_dropdown;
  GtkDropDown *language_dropdown;
  GtkDropDown *distance_dropdown;
  GtkDropDown *sort_dropdown;
  GtkStack *stack;
  GtkWidget *attract_label;
  GtkFlowBox *tiles;
  GtkSpinner *busy_spinner;
  GtkLabel *status_label;
  GtkLabel *corrected_label;
  GtkLabel *urgent_help_label;
  GtkListView *results_view;
  GtkScrolledWindow *results_scroller;
  GtkWidget *topics_scroller;
  GtkBox *topics_box;
  GtkWidget *more_button;
  AdwStatusPage *empty_page;
  GtkWidget *clear_button;
  GtkBox *saved_actions;
  GtkLabel *saved_label;
  GtkStack *saved_stack;
  GtkListView *saved_view;
  AdwStatusPage *unavailable_page;
  GtkBox *saved_buttons;

  gboolean kiosk;
  SpStore *store;
  SpSearchIndex *index;       /* (unowned) the window's */
  SpDetailCache *details;
  SpShortlist *shortlist;
  GSettings *settings;
  GListStore *results;
  GPtrArray *topic_chips;     /* (element-type GtkButton) a chip per topic, in topics_box:
                               * each shows whichever topic is its place in count order */
  GPtrArray *topic_ids;       /* (element-type utf8) the topics, the top of the taxonomy */
  GPtrArray *topic_names;     /* (element-type utf8) and their names */
  GPtrArray *language_codes;  /* (element-type utf8) the language dropdown's codes, after "any" */
  char *category_id;
  char *category_name;
  GDateTime *now;             /* (nullable) a fixed "now", for tests */
  guint wanted;               /* results the list holds for this query, a page at a time */
  guint total;                /* services the last query matched */
  gboolean resetting;
  gboolean preparing;         /* the index is being made ready: no searching until it is */
  GCancellable *open_now_look; /* (nullable) while services are read for "Open now" */
};

/* sp-search-page.c: the page, and the topics and languages it reads from the directory */
GDateTime          *sp_search_page_dup_now           (SpSearchPage        *self);

/* sp-search-page-filters.c: what is asked, from the search box and the filters */
void                sp_search_page_init_filters      (SpSearchPage        *self);
void                sp_search_page_set_settings      (SpSearchPage        *self,
                                                      GSettings           *settings);
gboolean            sp_search_page_has_home          (SpSearchPage        *self);
guint               sp_search_page_default_sort      (SpSearchPage        *self);
void                sp_search_page_fill_query        (SpSearchPage        *self,
                                                      SpSearchQuery       *query,
                                                      GDateTime           *now);
gboolean            sp_search_page_anything_asked    (SpSearchPage        *self);

/* sp-search-page-results.c: the search run and its results listed */
void                sp_search_page_init_results      (SpSearchPage        *self);
void                sp_search_page_run_search        (SpSearchPage        *self);
void                sp_search_page_list_hits         (SpSearchPage        *self,
                                                      SpSearchResults     *results,
                                                      GPtrArray           *hits,
                                                      guint                listed,
                                                      gboolean             open_now);
GtkListItemFactory *sp_search_page_make_factory      (SpSearchPage        *self,
                                                      GCallback            bind);
void                sp_search_page_result_activated  (GtkListView         *view,
                                                      guint                position,
                                                      SpSearchPage        *self);

/* sp-search-page-open-now.c: "Open now", found in a thread */
void                sp_search_page_look_for_open     (SpSearchPage        *self,
                                                      SpSearchResults     *results,
                                                      GDateTime           *now);
void                sp_search_page_stop_looking      (SpSearchPage        *self);

/* sp-search-page-topics.c: the topic chosen, and the topics of the results */
void                sp_search_page_init_topics       (SpSearchPage        *self);
void                sp_search_page_show_topics       (SpSearchPage        *self,
                                                      GHashTable          *facets);

/* sp-search-page-saved.c: the shortlist */
void                sp_search_page_init_saved        (SpSearchPage        *self);
void                sp_search_page_add_saved_buttons (SpSearchPage        *self);
void                sp_search_page_update_saved      (SpSearchPage        *self);

G_END_DECLS
