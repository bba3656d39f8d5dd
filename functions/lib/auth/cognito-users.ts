// An admin's changes to a Cognito user: role (the group), areas (custom:areas), removal, and the global sign-out
// that revokes the user's refresh tokens. The app's session cut-off (session-cutoff.ts) refuses their ID tokens.
import { areasClaim } from '@shared/areas/area-claim';
import { problem } from '../errors';
import { type CognitoConnection, cognitoProblem } from './cognito-client';
import type { IdentityProvider } from './identity';

const ROLE_GROUPS = ['admin', 'official', 'collector'];

function adminProblem(error: unknown): unknown {
  if (error instanceof Error && error.name === 'UserNotFoundException') return problem.notFound();
  return cognitoProblem(error);
}

export function cognitoUserAdmin(
  connect: () => Promise<CognitoConnection>,
  userPoolId: string,
): Required<Pick<IdentityProvider, 'endSessions' | 'updateUser' | 'removeUser'>> {
  return {
    async endSessions(username) {
      const { module, cognito } = await connect();
      try {
        await cognito.send(new module.AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: username }));
      } catch (error) {
        // Already gone: nothing left to sign out (the cut-off still refuses its tokens).
        if (!(error instanceof Error && error.name === 'UserNotFoundException')) throw error;
      }
    },
    async updateUser(username, { role, areas, areaSetId }) {
      const { module, cognito } = await connect();
      try {
        if (areas) {
          await cognito.send(
            new module.AdminUpdateUserAttributesCommand({
              UserPoolId: userPoolId,
              Username: username,
              UserAttributes: [{ Name: 'custom:areas', Value: areasClaim({ areas, areaSetId }) }],
            }),
          );
        }
        if (!role) return;
        // Added to the new role's group first, so the user is never without a role in between.
        const { Groups = [] } = await cognito.send(new module.AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username }));
        await cognito.send(new module.AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: role }));
        for (const group of Groups) {
          if (group.GroupName && group.GroupName !== role && ROLE_GROUPS.includes(group.GroupName)) {
            await cognito.send(new module.AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: group.GroupName }));
          }
        }
      } catch (error) {
        throw adminProblem(error);
      }
    },
    async removeUser(username) {
      const { module, cognito } = await connect();
      try {
        await cognito.send(new module.AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: username }));
      } catch (error) {
        throw adminProblem(error);
      }
    },
  };
}
