/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-audit-view.c: the audit log in the app, newest first, with its tamper check.
 *
 * Each time it is shown, the whole hash chain is checked first and the result said above
 * the list: intact, or which entry was changed. Entries say who did what to which record
 * (by its random id) and when; they never hold a personal value. A log grows by every
 * record viewed, so the list recycles its rows.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-audit-view.h"

struct _SpAuditView
{
  AdwBin parent_instance;

  SpLinkWorkerWindow *window;   /* (unowned) */
  SpReferralStore *store;
  GtkWidget *status;
  GtkWidget *status_icon;
  GListStore *lines;            /* (element-type GtkStringObject) */
};

G_DEFINE_FINAL_TYPE (SpAuditView, sp_audit_view, ADW_TYPE_BIN)

/* "viewed", "created" …: what an entry's action means, in words. */
static const char *
action_words (const char *action)
{
  static const struct { const char *action; const char *words; } words[] = {
    { "sign-in", N_("signed in") }, { "sign-out", N_("signed out") }, { "view", N_("viewed") },
    { "create", N_("created") }, { "change", N_("changed") }, { "delete", N_("deleted") },
    { "export", N_("exported") }, { "add-account", N_("added the account") },
    { "change-passphrase", N_("changed their passphrase") }, { "restore", N_("restored") },
    { "upgrade", N_("upgraded") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_strcmp0 (action, words[i].action) == 0)
      return _(words[i].words);
  return action;
}

static char *
line_of (SpAuditEntry *e)
{
  g_autoptr (GDateTime) at = g_date_time_new_from_unix_local (e->at);
  g_autofree char *when = g_date_time_format (at, "%Y-%m-%d %H:%M");
  g_autofree char *record = e->record_id != NULL ? g_strndup (e->record_id, 8) : NULL;

  return g_strdup_printf ("%s  %s  %s%s%s%s%s%s%s", when, e->account, action_words (e->action),
                          e->kind != NULL ? " " : "", e->kind != NULL ? e->kind : "", record != NULL ? " " : "",
                          record != NULL ? record : "", e->detail != NULL ? " · " : "",
                          e->detail != NULL ? e->detail : "");
}

static void
show_check (SpAuditView *self,
            const char  *text,
            gboolean     intact)
{
  gtk_label_set_text (GTK_LABEL (self->status), text);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->status_icon), intact ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (self->status_icon, intact ? "error" : "success");
  gtk_widget_add_css_class (self->status_icon, intact ? "success" : "error");
}

/* Checks the chain and lists every entry again. */
void
sp_audit_view_refresh (SpAuditView *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *status = NULL;

  g_return_if_fail (SP_IS_AUDIT_VIEW (self));

  if (!sp_referral_store_is_signed_in (self->store))
    return;
  entries = sp_referral_store_list_audit (self->store, &error);
  if (entries == NULL)
    {
      g_list_store_remove_all (self->lines);
      show_check (self, error->message, FALSE);
      return;
    }
  status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Checked: the audit log is intact, %u entry, none changed.",
                                         "Checked: the audit log is intact, %u entries, none changed.", entries->len),
                            entries->len);
  show_check (self, status, TRUE);
  for (guint i = entries->len; i > 0; i--)
    {
      g_autofree char *line = line_of (entries->pdata[i - 1]);
      g_ptr_array_add (items, gtk_string_object_new (line));
    }
  g_list_store_splice (self->lines, 0, g_list_model_get_n_items (G_LIST_MODEL (self->lines)), items->pdata, items->len);
}

static void
setup_line (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "monospace");
  gtk_list_item_set_child (item, label);
}

static void
bind_line (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static void
sp_audit_view_dispose (GObject *object)
{
  SpAuditView *self = SP_AUDIT_VIEW (object);

  if (self->lines != NULL)
    g_list_store_remove_all (self->lines);
  G_OBJECT_CLASS (sp_audit_view_parent_class)->dispose (object);
}

static void
sp_audit_view_finalize (GObject *object)
{
  SpAuditView *self = SP_AUDIT_VIEW (object);

  g_clear_object (&self->lines);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (sp_audit_view_parent_class)->finalize (object);
}

static void
sp_audit_view_class_init (SpAuditViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sp_audit_view_dispose;
  G_OBJECT_CLASS (klass)->finalize = sp_audit_view_finalize;
}

static void
sp_audit_view_init (SpAuditView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *check = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 9);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *list;

  self->lines = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  self->status_icon = gtk_image_new ();
  self->status = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->status), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->status), 0);
  gtk_label_set_selectable (GTK_LABEL (self->status), TRUE);
  gtk_widget_add_css_class (self->status, "heading");
  gtk_box_append (GTK_BOX (check), self->status_icon);
  gtk_box_append (GTK_BOX (check), self->status);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_line), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_line), NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->lines)))),
                            factory);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Audit log, newest first"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_bin_set_child (ADW_BIN (self), box);
}

SpAuditView *
sp_audit_view_new (SpLinkWorkerWindow *window,
                   SpReferralStore    *store)
{
  SpAuditView *self = g_object_new (SP_TYPE_AUDIT_VIEW, NULL);

  self->window = window;
  self->store = g_object_ref (store);
  return self;
}
