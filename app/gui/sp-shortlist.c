/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-shortlist.c: the services a person has saved ("Saved"), as a list model of ids.
 *
 * A GListModel of GtkStringObject, one per saved service id, in the order they were
 * saved. On the desktop it lives in GSettings and so lasts between sessions; a kiosk
 * passes no settings, and the shortlist lasts one visit (the idle reset clears it).
 */
#include "config.h"

#include <gtk/gtk.h>

#include "sp-shortlist.h"

/* More than anyone can use; it keeps a settings key from growing without end. */
#define MAX_SAVED 200

struct _SpShortlist
{
  GObject parent_instance;

  GSettings *settings;   /* (nullable) where the ids persist */
  GPtrArray *ids;        /* (element-type utf8) */
};

static void sp_shortlist_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SpShortlist, sp_shortlist, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, sp_shortlist_list_model_init))

enum
{
  PROP_0,
  PROP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
sp_shortlist_get_item_type (GListModel *model)
{
  return GTK_TYPE_STRING_OBJECT;
}

static guint
sp_shortlist_get_n_items (GListModel *model)
{
  return SP_SHORTLIST (model)->ids->len;
}

static gpointer
sp_shortlist_get_item (GListModel *model,
                       guint       position)
{
  SpShortlist *self = SP_SHORTLIST (model);

  if (position >= self->ids->len)
    return NULL;
  return gtk_string_object_new (g_ptr_array_index (self->ids, position));
}

static void
sp_shortlist_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sp_shortlist_get_item_type;
  iface->get_n_items = sp_shortlist_get_n_items;
  iface->get_item = sp_shortlist_get_item;
}

static void
save (SpShortlist *self)
{
  g_autoptr (GPtrArray) strv = NULL;

  if (self->settings == NULL)
    return;
  /* Borrowed strings: the copy must not free them. */
  strv = g_ptr_array_sized_new (self->ids->len + 1);
  for (guint i = 0; i < self->ids->len; i++)
    g_ptr_array_add (strv, self->ids->pdata[i]);
  g_ptr_array_add (strv, NULL);
  g_settings_set_strv (self->settings, "shortlist", (const char * const *) strv->pdata);
}

static void
sp_shortlist_finalize (GObject *object)
{
  SpShortlist *self = SP_SHORTLIST (object);

  g_clear_object (&self->settings);
  g_ptr_array_unref (self->ids);
  G_OBJECT_CLASS (sp_shortlist_parent_class)->finalize (object);
}

static void
sp_shortlist_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SpShortlist *self = SP_SHORTLIST (object);

  switch (prop_id)
    {
    case PROP_COUNT:
      g_value_set_uint (value, self->ids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_shortlist_class_init (SpShortlistClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_shortlist_finalize;
  object_class->get_property = sp_shortlist_get_property;

  properties[PROP_COUNT] = g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                              G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sp_shortlist_init (SpShortlist *self)
{
  self->ids = g_ptr_array_new_with_free_func (g_free);
}

/**
 * sp_shortlist_new:
 * @settings: (nullable): settings with a "shortlist" key to keep it in, or %NULL for a
 *   shortlist that lasts as long as this object (a kiosk visit)
 */
SpShortlist *
sp_shortlist_new (GSettings *settings)
{
  SpShortlist *self = g_object_new (SP_TYPE_SHORTLIST, NULL);

  if (settings != NULL)
    {
      g_auto (GStrv) saved = g_settings_get_strv (settings, "shortlist");

      self->settings = g_object_ref (settings);
      for (guint i = 0; saved[i] != NULL && self->ids->len < MAX_SAVED; i++)
        if (!sp_shortlist_contains (self, saved[i]))
          g_ptr_array_add (self->ids, g_strdup (saved[i]));
    }
  return self;
}

static gboolean
find (SpShortlist *self,
      const char  *id,
      guint       *position)
{
  return g_ptr_array_find_with_equal_func (self->ids, id, g_str_equal, position);
}

gboolean
sp_shortlist_contains (SpShortlist *self,
                       const char  *id)
{
  g_return_val_if_fail (SP_IS_SHORTLIST (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return find (self, id, NULL);
}

void
sp_shortlist_add (SpShortlist *self,
                  const char  *id)
{
  g_return_if_fail (SP_IS_SHORTLIST (self));
  g_return_if_fail (id != NULL);

  if (find (self, id, NULL) || self->ids->len >= MAX_SAVED)
    return;
  g_ptr_array_add (self->ids, g_strdup (id));
  save (self);
  g_list_model_items_changed (G_LIST_MODEL (self), self->ids->len - 1, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

void
sp_shortlist_remove (SpShortlist *self,
                     const char  *id)
{
  guint position;

  g_return_if_fail (SP_IS_SHORTLIST (self));
  g_return_if_fail (id != NULL);

  if (!find (self, id, &position))
    return;
  g_ptr_array_remove_index (self->ids, position);
  save (self);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

void
sp_shortlist_clear (SpShortlist *self)
{
  guint removed;

  g_return_if_fail (SP_IS_SHORTLIST (self));

  removed = self->ids->len;
  if (removed == 0)
    return;
  g_ptr_array_set_size (self->ids, 0);
  save (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

guint
sp_shortlist_get_count (SpShortlist *self)
{
  g_return_val_if_fail (SP_IS_SHORTLIST (self), 0);
  return self->ids->len;
}

const char *
sp_shortlist_get_id (SpShortlist *self,
                     guint        position)
{
  g_return_val_if_fail (SP_IS_SHORTLIST (self), NULL);
  return position < self->ids->len ? g_ptr_array_index (self->ids, position) : NULL;
}
