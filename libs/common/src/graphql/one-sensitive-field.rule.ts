import {
  FieldNode,
  GraphQLError,
  Kind,
  OperationTypeNode,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
} from 'graphql';

/** Operations that must come one at a time: each guess or credential change is its own request. */
export const SENSITIVE_MUTATIONS = new Set([
  'login',
  'refreshToken',
  'changePassword',
  'resetPassword',
  'createUser',
]);

/**
 * At most one sensitive mutation field per operation (top-level fields, through fragments too):
 * aliases would otherwise let one request carry many password guesses.
 */
export const oneSensitiveMutationRule: ValidationRule = (context: ValidationContext) => ({
  OperationDefinition(operation) {
    if (operation.operation !== OperationTypeNode.MUTATION) return;
    const found: FieldNode[] = [];
    const visited = new Set<string>();
    const collect = (set: SelectionSetNode) => {
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) {
          if (SENSITIVE_MUTATIONS.has(s.name.value)) found.push(s);
        } else if (s.kind === Kind.INLINE_FRAGMENT) {
          collect(s.selectionSet);
        } else if (!visited.has(s.name.value)) {
          visited.add(s.name.value);
          const fragment = context.getFragment(s.name.value);
          if (fragment) collect(fragment.selectionSet);
        }
      }
    };
    collect(operation.selectionSet);
    if (found.length > 1) {
      context.reportError(
        new GraphQLError(
          'ログインやパスワードに関わる操作は、1回のリクエストに1つだけにしてください',
          { nodes: found },
        ),
      );
    }
  },
});
