/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-feed-generator.c: realistic ORUK 3.0 feeds of any size, for benchmarks and crash tests. */
#include "config.h"

#include <errno.h>
#include <stdio.h>

#include "sp-feed-generator.h"

/*
 * The services read like a real directory's: names from a stock of community
 * offers and places, descriptions of 50–200 words built from sentences a
 * directory would hold, organisations shared by several services, venues
 * shared by several organisations, schedules, phones, categories. Text is
 * JSON-safe by construction (no quotes or backslashes).
 */

static const char *kinds[] = {
  "Memory Café", "Carers Support Group", "Befriending Service", "Lunch Club", "Walking Group",
  "Money Advice Drop-in", "Food Bank", "Bereavement Support", "Chair Exercise Class",
  "Digital Skills Session", "Falls Prevention Class", "Lip-reading Class", "Community Transport",
  "Housing Advice", "Dementia Support", "Men's Shed", "Singing for the Brain", "Knit and Natter",
  "Wellbeing Hub", "Benefits Check", "Warm Space", "Gardening Club", "Tai Chi for Beginners",
  "Carers Respite Break", "Hearing Aid Clinic", "Advocacy Service", "Debt Advice Line",
  "Young Carers Club", "Peer Support Group", "Community Kitchen",
};
static const char *places[] = {
  "Tettenhall", "Bilston", "Wednesfield", "Penn", "Whitmore Reans", "Heath Town", "Low Hill",
  "Bushbury", "Ettingshall", "Blakenhall", "Fallings Park", "Pendeford", "Oxley", "Merry Hill",
  "Finchfield", "Graiseley", "Park Village", "Springfield", "Compton", "Castlecroft",
};
static const char *venues[] = {
  "Library", "Community Centre", "Methodist Church Hall", "Gurdwara", "Mosque Community Room",
  "Health Centre", "Village Hall", "Leisure Centre", "Scout Hut", "Baptist Church",
};
static const char *sentences[] = {
  "We offer a friendly welcome to anyone who wants some company and a chat over a cup of tea.",
  "Carers can meet others in a similar situation, share experiences and find out about local support.",
  "Our trained volunteers visit people at home or phone them every week to check they are keeping well.",
  "The group is run by people who have lived experience of memory loss and understand how it feels.",
  "You do not need a referral from your doctor; just come along or give us a ring first.",
  "Sessions include gentle exercise, music, reminiscence and a light lunch for a small charge.",
  "Advisers can help with benefits, council tax, energy bills, debts and filling in forms.",
  "If you are worried about your memory, our nurses can talk things through and arrange a check-up.",
  "The venue has step-free access, an accessible toilet and a hearing loop at the front desk.",
  "We can arrange transport for people who find it hard to get out, if you book two days ahead.",
  "Information is available in Punjabi, Urdu and Polish, and interpreters can be arranged.",
  "Family members and friends are welcome to come along with the person they care for.",
  "We work closely with GP practices, social prescribing link workers and the local council.",
  "Tell us about any dietary needs when you book and we will do our best to help.",
  "The service is free for residents of the city who are aged over sixty.",
  "People living with dementia and their carers can try activities in a safe, relaxed setting.",
  "Our food bank gives emergency parcels to people referred by a support agency.",
  "Trained counsellors offer one-to-one support after the death of someone close to you.",
  "The walk lasts about an hour at an easy pace, with a café stop at the end.",
  "Volunteers help people get online, use video calls and order repeat prescriptions safely.",
};
static const char *terms[][2] = {
  { "memory", "Memory & dementia" }, { "carers", "Carers" }, { "friendship", "Loneliness & friendship" },
  { "housing", "Housing & home" }, { "money", "Money & benefits" }, { "food", "Food" },
  { "bereavement", "Bereavement" }, { "wellbeing", "Mental wellbeing" }, { "active", "Getting active" },
  { "advice", "Advice & rights" }, { "senses", "Sight & hearing" }, { "digital", "Digital skills" },
  { "transport", "Transport" }, { "falls", "Falls prevention" },
};
static const char *weekdays[] = { "MO", "TU", "WE", "TH", "FR", "SA" };
static const char *languages[][2] = { { "English", "en" }, { "Punjabi", "pa" }, { "Urdu", "ur" }, { "Polish", "pl" } };

/* Deterministic UUID-shaped ids: kind of record, then its number. */
static void
append_uuid (GString *out,
             guint    kind,
             guint    n)
{
  g_string_append_printf (out, "\"%08x-%04x-4%03x-8%03x-%012x\"", 0x5190000u + kind, n >> 16 & 0xffff,
                          kind & 0xfff, n >> 4 & 0xfff, n);
}

static void
write_service (GString *out,
               GRand   *rand,
               guint    n)
{
  guint place = g_rand_int_range (rand, 0, G_N_ELEMENTS (places));
  guint kind = g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds));
  guint org = n / 5;
  guint venue = g_rand_int_range (rand, 0, 2000);
  guint words = 0;
  guint target_words = 50 + (guint) g_rand_int_range (rand, 0, 150);
  guint term = g_rand_int_range (rand, 0, G_N_ELEMENTS (terms));
  guint day = g_rand_int_range (rand, 0, G_N_ELEMENTS (weekdays));
  guint lang = g_rand_int_range (rand, 0, G_N_ELEMENTS (languages));
  gboolean monthly = g_rand_boolean (rand);
  guint hour = g_rand_int_range (rand, 9, 15);

  g_string_append (out, "{\"id\":");
  append_uuid (out, 1, n);
  g_string_append (out, ",\"organization_id\":");
  append_uuid (out, 2, org);
  g_string_append_printf (out, ",\"name\":\"%s %s %u\",\"description\":\"", places[place], kinds[kind], n);
  while (words < target_words)
    {
      const char *s = sentences[g_rand_int_range (rand, 0, G_N_ELEMENTS (sentences))];
      g_string_append (out, s);
      g_string_append_c (out, ' ');
      for (const char *p = s; *p; p++)
        words += *p == ' ';
      words++;
    }
  g_string_truncate (out, out->len - 1);
  g_string_append_printf (out, "\",\"url\":\"https://service%u.example.org/\",\"email\":\"hello%u@example.org\","
                               "\"status\":\"active\",\"assured_date\":\"2026-%02u-%02u\","
                               "\"organization\":{\"id\":",
                          n, n, 1 + g_rand_int_range (rand, 0, 10), 1 + g_rand_int_range (rand, 0, 28));
  append_uuid (out, 2, org);
  g_string_append_printf (out, ",\"name\":\"%s Community Trust %u\",\"description\":\"A local charity run "
                               "by volunteers in %s.\"},\"service_at_locations\":[{\"id\":",
                          places[place], org, places[place]);
  append_uuid (out, 3, n);
  g_string_append (out, ",\"location_id\":");
  append_uuid (out, 4, venue);
  g_string_append (out, ",\"location\":{\"id\":");
  append_uuid (out, 4, venue);
  g_string_append_printf (out, ",\"location_type\":\"physical\",\"name\":\"%s %s\",\"latitude\":%.5f,"
                               "\"longitude\":%.5f,\"addresses\":[{\"id\":",
                          places[venue % G_N_ELEMENTS (places)], venues[venue % G_N_ELEMENTS (venues)],
                          52.55 + (venue % 97) * 0.0008, -2.20 + (venue % 89) * 0.0016);
  append_uuid (out, 5, venue);
  g_string_append_printf (out, ",\"address_1\":\"%u High Street\",\"city\":\"Wolverhampton\","
                               "\"state_province\":\"West Midlands\",\"postal_code\":\"WV%u %u%c%c\","
                               "\"country\":\"GB\",\"address_type\":\"physical\"}]}}],\"phones\":[{\"id\":",
                          1 + venue % 200, 1 + venue % 14, venue % 10, 'A' + venue % 26, 'B' + venue % 24);
  append_uuid (out, 6, n);
  g_string_append_printf (out, ",\"number\":\"0121 496 %04u\"}],\"schedules\":[{\"id\":", n % 1000);
  append_uuid (out, 7, n);
  if (monthly)
    g_string_append_printf (out, ",\"freq\":\"MONTHLY\",\"byday\":\"%u%s\"", 1 + n % 4, weekdays[day]);
  else
    g_string_append_printf (out, ",\"freq\":\"WEEKLY\",\"byday\":\"%s\"", weekdays[day]);
  g_string_append_printf (out, ",\"opens_at\":\"%02u:00\",\"closes_at\":\"%02u:00\",\"valid_from\":\"2026-01-01\"}],"
                               "\"languages\":[{\"id\":", hour, hour + 2);
  append_uuid (out, 8, n);
  g_string_append_printf (out, ",\"name\":\"%s\",\"code\":\"%s\"}],\"cost_options\":[{\"id\":",
                          languages[lang][0], languages[lang][1]);
  append_uuid (out, 9, n);
  g_string_append (out, ",\"option\":\"Free\",\"amount\":0,\"currency\":\"GBP\"}],\"attributes\":[{\"id\":");
  append_uuid (out, 10, n);
  g_string_append (out, ",\"taxonomy_term_id\":");
  append_uuid (out, 11, term);
  g_string_append (out, ",\"taxonomy_term\":{\"id\":");
  append_uuid (out, 11, term);
  g_string_append_printf (out, ",\"code\":\"%s\",\"name\":\"%s\",\"description\":\"%s\","
                               "\"taxonomy\":\"signpost-categories\"}}]}",
                          terms[term][0], terms[term][1], terms[term][1]);
}

/**
 * sp_feed_generate:
 * Writes an ORUK 3.0 page of @n_services services to @path. The same
 * @n_services and @seed always give the same file.
 */
gboolean
sp_feed_generate (const char *path,
                  guint       n_services,
                  guint32     seed,
                  GError    **error)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr (GString) buffer = g_string_sized_new (1024 * 1024);
  FILE *out = fopen (path, "w");

  if (out == NULL)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "Cannot write %s", path);
      return FALSE;
    }
  fprintf (out, "{\"total_items\":%u,\"total_pages\":1,\"page_number\":1,\"size\":%u,"
                "\"first_page\":true,\"last_page\":true,\"empty\":%s,\"contents\":[\n",
           n_services, n_services, n_services == 0 ? "true" : "false");
  for (guint i = 0; i < n_services; i++)
    {
      if (i > 0)
        g_string_append (buffer, ",\n");
      write_service (buffer, rand, i);
      if (buffer->len > 512 * 1024)
        {
          fwrite (buffer->str, 1, buffer->len, out);
          g_string_truncate (buffer, 0);
        }
    }
  g_string_append (buffer, "\n]}\n");
  fwrite (buffer->str, 1, buffer->len, out);
  if (fclose (out) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "Cannot write %s", path);
      return FALSE;
    }
  return TRUE;
}
