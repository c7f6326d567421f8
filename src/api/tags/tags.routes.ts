import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { callerOf } from '../auth/auth.routes.js';
import { ErrorBody } from '../errors.js';
import { Position } from '../positions/positions.routes.js';
import { assignTags, createTag, deleteTag, getTag, listTags, positionsByTag, removeTag, updateTag } from './tags.service.js';

const TagType = z.enum(['REGULAR', 'STRATEGY']);
const Tag = z.object({
  id: z.uuid(), name: z.string(), tag_type: TagType, color: z.string(), description: z.string().nullable(), usage_count: z.number().int(), created_at: z.string(), updated_at: z.string(),
});
const Name = z.string().trim().min(1, 'must not be blank').max(100);
const Color = z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'must be a color #RRGGBB');
const Create = z.object({ name: Name, tag_type: TagType.optional(), color: Color.optional(), description: z.string().max(10_000).nullish() }).strict();
const Update = z.object({ name: Name.optional(), tag_type: TagType.optional(), color: Color.optional(), description: z.string().max(10_000).nullable().optional() }).strict();
const Params = z.object({ id: z.string().max(100) });
const Assign = z.object({ tag_ids: z.array(z.string().max(100)).min(1).max(100) }).strict();
const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const secured = { tags: ['tags'], security: [{ bearer: [] }] };

/** /api/v1/tags and the tags of positions. */
export function tagRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  return async (app) => {
    app.get('/api/v1/tags', { schema: { ...secured, summary: 'Your tags, with how many live positions carry each', querystring: z.object({ tag_type: TagType.optional() }), response: { 200: z.object({ items: z.array(Tag) }), ...errors } } },
      async (req) => listTags(db, await callerOf(req), req.query));
    app.post('/api/v1/tags', { schema: { ...secured, summary: 'Create a tag', body: Create, response: { 201: Tag, ...errors } } },
      async (req, reply) => reply.code(201).send(await createTag(db, await callerOf(req), req.body)));
    app.get('/api/v1/tags/:id', { schema: { ...secured, summary: 'One of your tags', params: Params, response: { 200: Tag, ...errors } } },
      async (req) => getTag(db, await callerOf(req), req.params.id));
    app.patch('/api/v1/tags/:id', { schema: { ...secured, summary: 'Rename or recolor a tag', params: Params, body: Update, response: { 200: Tag, ...errors } } },
      async (req) => updateTag(db, await callerOf(req), req.params.id, req.body));
    app.delete('/api/v1/tags/:id', { schema: { ...secured, summary: 'Delete a tag (soft); its positions lose it', params: Params, response: { 204: z.null(), ...errors } } },
      async (req, reply) => {
        await deleteTag(db, await callerOf(req), req.params.id);
        return reply.code(204).send(null);
      });
    app.get('/api/v1/tags/:id/positions', { schema: { ...secured, summary: 'Your positions carrying a tag', params: Params, response: { 200: z.object({ items: z.array(Position) }), ...errors } } },
      async (req) => positionsByTag(db, await callerOf(req), req.params.id));
    app.post('/api/v1/positions/:id/tags', { schema: { ...secured, summary: 'Put tags on a position', params: Params, body: Assign, response: { 200: Position, ...errors } } },
      async (req) => assignTags(db, await callerOf(req), req.params.id, req.body.tag_ids));
    app.delete('/api/v1/positions/:id/tags/:tagId', {
      schema: { ...secured, summary: 'Take a tag off a position', params: z.object({ id: z.string().max(100), tagId: z.string().max(100) }), response: { 204: z.null(), ...errors } },
    }, async (req, reply) => {
      await removeTag(db, await callerOf(req), req.params.id, req.params.tagId);
      return reply.code(204).send(null);
    });
  };
}
