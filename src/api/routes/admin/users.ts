import { reply, type ApiRouter } from '../../route.js';
import { NewUserBody, PageQuery, pageOf, ResetPasswordBody, UserPage, UserPatchBody, UserRef } from '../../schemas/index.js';
import { User } from '../../../domain/index.js';
import type { ApiServices } from '../../services.js';

/** User administration (admins). Every change is audited with the admin as actor. */
export function registerUserRoutes(router: ApiRouter, s: ApiServices): void {
  router.add({
    method: 'get',
    path: '/api/users',
    operationId: 'listUsers',
    summary: 'Users, by username',
    tag: 'users',
    access: 'users:manage',
    query: PageQuery,
    responses: { 200: { description: 'a page of users', schema: UserPage } },
    handler: async ({ query }) => {
      const all = await s.users.list();
      return reply(pageOf(all.slice(query.offset, query.offset + query.limit), all.length, query));
    },
  });

  router.add({
    method: 'post',
    path: '/api/users',
    operationId: 'createUser',
    summary: 'Create a user',
    description: 'A reviewer account names the registry id of its reviewer. The user must change the password at first sign-in unless mustChangePassword is false.',
    tag: 'users',
    access: 'users:manage',
    body: NewUserBody,
    responses: { 201: { description: 'created', schema: User }, 409: { description: 'username (or reviewer link) taken' } },
    handler: async ({ body, principal }) => reply(await s.users.add(body, principal.user.username), 201),
  });

  router.add({
    method: 'get',
    path: '/api/users/:id',
    operationId: 'getUser',
    summary: 'One user',
    tag: 'users',
    access: 'users:manage',
    params: UserRef,
    responses: { 200: { description: 'the user', schema: User } },
    handler: async ({ params }) => reply(await s.users.get(params.id)),
  });

  router.add({
    method: 'patch',
    path: '/api/users/:id',
    operationId: 'updateUser',
    summary: "Change a user's name, role, reviewer link or disabled flag",
    description: 'A changed role or a disabled account ends the user\'s sessions. The last enabled admin cannot be demoted or disabled.',
    tag: 'users',
    access: 'users:manage',
    params: UserRef,
    body: UserPatchBody,
    responses: { 200: { description: 'changed', schema: User }, 409: { description: 'stale version' } },
    handler: async ({ params, body, principal }) => {
      const { version, ...patch } = body;
      return reply(await s.users.update(params.id, patch, version, principal.user.username));
    },
  });

  router.add({
    method: 'put',
    path: '/api/users/:id/password',
    operationId: 'resetPassword',
    summary: "Set a user's password (they must change it at next sign-in)",
    tag: 'users',
    access: 'users:manage',
    params: UserRef,
    body: ResetPasswordBody,
    responses: { 200: { description: 'set; the user\'s sessions ended', schema: User } },
    handler: async ({ params, body, principal }) => reply(await s.users.resetPassword(params.id, body.password, principal.user.username)),
  });
}
